import type { Server } from 'node:http';

/**
 * How often Node looks for requests past their time limit. Its default (30 s) would let a slow
 * client run up to that much over the limit; looking every second costs next to nothing.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * Bounds how long a client may take to send a whole request (answered 408, then closed) and
 * how long a connection may stay silent (closed): what Fastify's `requestTimeout` and
 * `connectionTimeout` options set, applied to the server here because the e2e tests build the
 * adapter without the configuration.
 */
export function applyRequestTimeout(server: Server, timeoutMs: number): void {
  server.requestTimeout = timeoutMs;
  // Node (20.20) does not enforce the request limit while the headers' one (60 s by default)
  // is longer.
  server.headersTimeout = Math.min(server.headersTimeout, timeoutMs);
  server.setTimeout(timeoutMs);
}
