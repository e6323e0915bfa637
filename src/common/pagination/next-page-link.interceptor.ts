import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** A page's `Link: <...>; rel="next"` (RFC 8288): the same request with the next cursor. */
export function nextPageLink(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl, 'http://placeholder');
  url.searchParams.set('cursor', cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}

/**
 * Every list answers `{ items, nextCursor }`; this adds the same next page as a `Link` header,
 * so a client may follow either.
 */
@Injectable()
export class NextPageLinkInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const cursor = (body as { nextCursor?: unknown } | null)?.nextCursor;
        if (typeof cursor === 'string') {
          const http = context.switchToHttp();
          const request = http.getRequest<FastifyRequest>();
          void http.getResponse<FastifyReply>().header('Link', nextPageLink(request.url, cursor));
        }
        return body;
      }),
    );
  }
}
