import type { FastifyInstance } from 'fastify';

/** Answers that hold nothing personal and may be cached: the docs and the probes. */
const CACHEABLE_PREFIXES = ['/docs', '/openapi.json', '/health'];

export function mayBeCached(url: string): boolean {
  const path = url.split('?', 1)[0];
  return CACHEABLE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * `Cache-Control: no-store` on every other answer, errors included, unless the route chose its
 * own: personal data must never sit in a browser's or a proxy's cache.
 */
export function registerNoStore(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('cache-control') && !mayBeCached(request.url)) {
      void reply.header('Cache-Control', 'no-store');
    }
  });
}
