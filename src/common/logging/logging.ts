import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, pino } from 'pino';
import type { LogLevel } from '../../config/app-config.js';

/**
 * Keys whose values never reach a log line, at any depth (`scrubSensitive`): credentials, and the
 * sensitive text people write (journals, notes, rants, survey and assessment answers).
 */
export const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'deleteToken',
  'clientSecret',
  'secret',
  'content',
  'notes',
  'note',
  'text',
  'responses',
  'answers',
] as const;

const SENSITIVE = new Set<string>(SENSITIVE_KEYS);
/** How deep `scrubSensitive` looks: deeper than any object the service logs. */
const SCRUB_DEPTH = 6;
const CENSOR = '[redacted]';

/**
 * `value` with every sensitive key's value replaced, at any depth up to SCRUB_DEPTH, in objects
 * (plain or class instances such as DTOs), arrays and errors; the same object when it holds
 * none, so logging copies nothing. Pino's path-based `redact` needs a wildcard path per key and
 * depth (68 here), which the benchmark measured at about 100 us a line against 5 us for this
 * walk. Streams and sockets (the raw request and response, event emitters all) are left to the
 * serializers below, which keep only safe fields; bytes and dates hold no keys.
 */
export function scrubSensitive(value: unknown, depth = SCRUB_DEPTH): unknown {
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const scrubbed = scrubSensitive(item, depth - 1);
      if (scrubbed !== item) (copy ??= [...value])[index] = scrubbed;
    });
    return copy ?? value;
  }
  if (value instanceof Error) {
    // As pino's error serializer will write it (message, stack, cause, own fields), scrubbed.
    const serialized = { ...pino.stdSerializers.err(value) };
    const scrubbed = scrubSensitive(serialized, depth);
    return scrubbed === serialized ? value : scrubbed;
  }
  if (value instanceof EventEmitter || ArrayBuffer.isView(value) || value instanceof Date) {
    return value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const scrubbed = SENSITIVE.has(key) ? CENSOR : scrubSensitive(item, depth - 1);
    if (scrubbed !== item) (copy ??= { ...value })[key] = scrubbed;
  }
  return copy ?? value;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A caller's X-Request-Id when it is a sane token, otherwise a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

/**
 * nestjs-pino's settings: one JSON line per request with its id, method, path (never the query
 * string, which can carry tokens) and status. The id is the one Fastify gave the request. The
 * client's address and user agent are never logged: an anonymous post must not be linkable
 * through the logs.
 */
export function pinoParams(level: LogLevel, destination?: DestinationStream): Params {
  const options = {
    level,
    genReqId: (request: IncomingMessage) => (request.id ??= requestIdOf(request)),
    // Every logged object is scrubbed. Child-logger bindings are not (pino formats only the
    // root's): the only ones here are the request, which its serializer reduces to safe fields.
    formatters: {
      log: (object: Record<string, unknown>) => scrubSensitive(object) as Record<string, unknown>,
    },
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        path: request.url.split('?')[0],
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  };
  return {
    // Tests pass a destination to read the lines they capture. Otherwise standard output,
    // written without blocking: lines logged while a write is under way go out together in the
    // next one, and pino flushes what is pending when the process exits.
    pinoHttp: [options, destination ?? pino.destination({ dest: 1, sync: false })],
    // Probes hit these every few seconds; their lines would drown everything else.
    exclude: [
      { method: RequestMethod.ALL, path: 'health' },
      { method: RequestMethod.ALL, path: 'health/ready' },
    ],
  };
}
