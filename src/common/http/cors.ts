import type { FastifyCorsOptions } from '@fastify/cors';

/**
 * CORS for the configured browser origins only. No cookies are used (tokens travel in the
 * Authorization header), so credentials stay off. Other origins get no CORS headers, and their
 * preflights a 404.
 */
export function corsOptions(allowedOrigins: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after', 'location', 'link'],
    // Browsers may reuse a preflight for 10 minutes instead of asking before every call.
    maxAge: 600,
  };
}
