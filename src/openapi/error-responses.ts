import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../common/problem/problem.js';
import { PROBLEM_SCHEMA } from '../common/problem/problem.openapi.js';
import {
  RATE_LIMIT_RESPONSE_HEADERS,
  RETRY_AFTER,
} from '../common/rate-limit/rate-limit.openapi.js';

/** What each status means on any route; an operation may say more in its own decorator. */
const GENERIC_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter or the body is missing, unknown or malformed; `errors` lists each field.',
  401: 'No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate).',
  403: 'The token is valid but may not do this: a role, an organisation or a scope is missing.',
  404: 'No such resource, or none the caller may see (the two are not told apart).',
  413: 'The body is larger than this route accepts.',
  415: 'The body is not of a media type this route reads.',
  429: 'Too many requests; try again after Retry-After seconds.',
  500: 'The service failed; nothing of its internals is shown. Safe to retry reads.',
  503: 'A dependency (the database) does not answer; try again shortly.',
};

const WWW_AUTHENTICATE = {
  'WWW-Authenticate': {
    description: 'RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent.',
    schema: {
      type: 'string',
      maxLength: 200,
      pattern: '^Bearer realm="mindfulme"',
      example: 'Bearer realm="mindfulme", error="invalid_token"',
    },
  },
};

interface OperationShape {
  hasPathParameters: boolean;
  hasInput: boolean;
  hasBody: boolean;
  secured: boolean;
}

/**
 * The statuses any operation of this shape can answer, whatever its own rules: validation (400)
 * wherever there is input, authentication and authorisation (401, 403) wherever a token is
 * required, 404 wherever a path names a resource, body limits and media types (413, 415)
 * wherever a body is read, the rate limit every route counts by (429), and the two server
 * failures.
 */
export function statusesOf(shape: OperationShape): number[] {
  return [
    ...(shape.hasInput ? [400] : []),
    ...(shape.secured ? [401, 403] : []),
    ...(shape.hasPathParameters ? [404] : []),
    ...(shape.hasBody ? [413, 415] : []),
    429,
    500,
    503,
  ];
}

/** Routes under `pathPrefix` answer errors in a protocol's own body (SCIM's), not as problems. */
export interface ErrorDialect {
  pathPrefix: string;
  content: ResponseObject['content'];
}

/**
 * Declares every status each operation can answer, each with its body: a problem document, or
 * the error body of the dialect its path belongs to. Ranges (4XX) are not used: a client must be
 * able to tell 404 from 409 from 422. The OAuth token endpoint's 400 and 401 keep their RFC 6749
 * bodies.
 */
export function declareErrorResponses(
  document: OpenAPIObject,
  dialects: ErrorDialect[] = [],
): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const dialect = dialects.find(({ pathPrefix }) => path.startsWith(pathPrefix));
    const errorContent = dialect?.content ?? PROBLEM_CONTENT;
    for (const operation of Object.values(item) as OperationObject[]) {
      if (!operation?.responses) continue;
      const parameters = (operation.parameters ?? []) as Array<{ in?: string }>;
      const shape: OperationShape = {
        hasPathParameters: parameters.some((parameter) => parameter.in === 'path'),
        hasBody: operation.requestBody !== undefined,
        hasInput: parameters.length > 0 || operation.requestBody !== undefined,
        secured: (operation.security ?? []).some((requirement) => Object.keys(requirement).length),
      };
      const declared = Object.keys(operation.responses)
        .filter((status) => /^[45]\d\d$/.test(status))
        .map(Number);
      for (const status of new Set([...statusesOf(shape), ...declared])) {
        const existing = (operation.responses[status] ?? {}) as ResponseObject;
        operation.responses[status] = {
          ...existing,
          description: existing.description || GENERIC_DESCRIPTIONS[status] || 'Refused.',
          ...(status === 401 ? { headers: { ...WWW_AUTHENTICATE, ...existing.headers } } : {}),
          content: existing.content ?? errorContent,
        };
      }
      delete operation.responses['4XX'];
      delete operation.responses['5XX'];
      withRateLimitHeaders(operation);
    }
  }
  return document;
}

/**
 * Every request that reaches the access check is counted (ApiRateLimiter, or a sign-in route's
 * own limits), and its answer says where the caller stands; a 429 also says when to retry.
 */
function withRateLimitHeaders(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!/^[24]\d\d$/.test(status)) continue;
    const answer = response as ResponseObject;
    answer.headers = {
      ...(status === '429' ? { 'Retry-After': RETRY_AFTER } : {}),
      ...RATE_LIMIT_RESPONSE_HEADERS,
      ...answer.headers,
    };
  }
}

const PROBLEM_CONTENT: ResponseObject['content'] = {
  [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } },
};
