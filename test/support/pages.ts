import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type Reply = Awaited<ReturnType<NestFastifyApplication['inject']>>;

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * Walks a list one item per page (`limit=1`), following each page's `Link` header, and checks
 * that the header and the body's `nextCursor` name the same next page. Answers the pages in order.
 */
export async function walkOneByOne<Item>(
  app: NestFastifyApplication,
  url: string,
  headers: Record<string, string>,
  maxPages = 50,
): Promise<Array<Page<Item>>> {
  const pages: Array<Page<Item>> = [];
  let next: string | undefined = `${url}${url.includes('?') ? '&' : '?'}limit=1`;
  while (next) {
    if (pages.length === maxPages) throw new Error(`${url}: more than ${maxPages} pages`);
    const response: Reply = await app.inject({ method: 'GET', url: next, headers });
    if (response.statusCode !== 200) {
      throw new Error(`GET ${next}: ${response.statusCode} ${response.body}`);
    }
    const page = response.json() as Page<Item>;
    const link: string | undefined = /^<([^>]+)>; rel="next"$/.exec(
      String(response.headers.link ?? ''),
    )?.[1];
    if (
      page.nextCursor === null ? link !== undefined : !link?.includes(`cursor=${page.nextCursor}`)
    ) {
      throw new Error(`GET ${next}: Link ${String(link)} but nextCursor ${page.nextCursor}`);
    }
    pages.push(page);
    next = link;
  }
  return pages;
}
