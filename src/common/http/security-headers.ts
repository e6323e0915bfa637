import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The pages a browser renders (HTML and their scripts); everything else answers JSON. */
const HTML_PAGE_PREFIXES = ['/docs', '/admin/queues'];

function isHtmlPagePath(url: string): boolean {
  return HTML_PAGE_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

/**
 * JSON answers load nothing and are never framed: the strictest policy there is. HSTS, nosniff,
 * no referrer and the rest are helmet's defaults.
 */
const API_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  frameguard: { action: 'deny' },
} satisfies FastifyHelmetOptions;

/**
 * Swagger UI and Bull Board load their own scripts and styles, use inline styles and data:
 * images, and Bull Board its fonts from Google: helmet's default policy allows exactly that.
 * Without upgrade-insecure-requests, which would break the pages on plain-http development
 * servers (HSTS covers production).
 */
const HTML_PAGE_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: { frameAncestors: ["'none'"], upgradeInsecureRequests: null },
  },
  frameguard: { action: 'deny' },
} satisfies FastifyHelmetOptions;

/**
 * Security headers on every answer (404s and errors included), with the HTML pages' policy on
 * their routes. Register before any route, so the route hook sees them all.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRoute', (route) => {
    if (isHtmlPagePath(route.url ?? '')) {
      route.config = {
        ...(route.config as object),
        helmet: HTML_PAGE_HEADERS,
      } as typeof route.config;
    }
  });
  await fastify.register(helmet, { global: true, ...API_HEADERS });
}
