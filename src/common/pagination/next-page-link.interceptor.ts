import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/**
 * A page's `Link: <...>; rel="next"` (RFC 8288): the same request with the next cursor. Whole
 * numbers are written as numbers (`limit=0100` passes validation as 100): the header repeats
 * the query, and should not carry what the client padded it with.
 */
export function nextPageLink(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl, 'http://placeholder');
  for (const [name, value] of [...url.searchParams]) {
    if (/^\s*\d+\s*$/.test(value)) url.searchParams.set(name, String(Number(value)));
  }
  url.searchParams.set('cursor', cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}

/**
 * The longest Link header this can write: the request's path and query (Node refuses request
 * heads over 16 KiB) with the longest cursor any list gives out (the therapist directory's,
 * 1,706 characters) in place of the one sent.
 */
export const MAX_NEXT_PAGE_LINK_LENGTH = 16_384 + 1_706 + 32;

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
