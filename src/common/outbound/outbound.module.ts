import { Global, Module } from '@nestjs/common';
import { DnsTxtLookup } from './dns-txt.js';
import { OutboundHttp } from './outbound-http.js';

/** What the service asks of the outside world on organisations' behalf: HTTP and DNS. */
@Global()
@Module({ providers: [OutboundHttp, DnsTxtLookup], exports: [OutboundHttp, DnsTxtLookup] })
export class OutboundModule {}
