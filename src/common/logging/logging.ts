import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../../config/app-config.js';

/**
 * Keys whose values never reach a log line, at any depth up to four levels: credentials, and the
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

/** `key`, `*.key`, `*.*.key`, ... : pino's redaction paths for each key at each depth. */
export function redactPaths(keys: readonly string[] = SENSITIVE_KEYS, depth = 4): string[] {
  return keys.flatMap((key) =>
    Array.from({ length: depth }, (_, level) => `${'*.'.repeat(level)}${key}`),
  );
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A caller's X-Request-Id when it is a sane token, otherwise a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

/**
 * nestjs-pino's settings: one JSON line per request with its id, method, path (never the query
 * string, which can carry tokens) and status. The id is the one Fastify gave the request. The client's address and user agent are never
 * logged: an anonymous post must not be linkable through the logs.
 */
export function pinoParams(level: LogLevel, destination?: DestinationStream): Params {
  const options = {
    level,
    genReqId: (request: IncomingMessage) => (request.id ??= requestIdOf(request)),
    redact: { paths: redactPaths(), censor: '[redacted]' },
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
    // Standard output unless a destination is given (tests read the lines they capture).
    pinoHttp: destination ? [options, destination] : options,
    // Probes hit these every few seconds; their lines would drown everything else.
    exclude: [
      { method: RequestMethod.ALL, path: 'health' },
      { method: RequestMethod.ALL, path: 'health/ready' },
    ],
  };
}
