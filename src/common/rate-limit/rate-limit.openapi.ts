import { ApiResponse } from '@nestjs/swagger';

/** The IETF RateLimit header fields, as the document declares them (see rateLimitHeaders). */
export const RATE_LIMIT_RESPONSE_HEADERS = {
  'RateLimit-Policy': {
    description:
      'The limits that counted this request (IETF RateLimit header fields): quota q per w seconds.',
    schema: {
      type: 'string',
      maxLength: 200,
      pattern: '^"[a-z]+";q=[0-9]+;w=[0-9]+(, "[a-z]+";q=[0-9]+;w=[0-9]+)*$',
      example: '"address";q=20;w=60, "account";q=5;w=60',
    },
  },
  RateLimit: {
    description:
      'Where the caller stands in the limit closest to running out: r left, t seconds to reset.',
    schema: {
      type: 'string',
      maxLength: 100,
      pattern: '^"[a-z]+";r=[0-9]+;t=[0-9]+$',
      example: '"account";r=4;t=60',
    },
  },
};

export const RETRY_AFTER = {
  description: 'Seconds to wait.',
  schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
};

/** A 429 with Retry-After and the RateLimit headers, for a route that counts requests. */
export const ApiTooManyRequests = (description: string) =>
  ApiResponse({
    status: 429,
    description,
    headers: {
      'Retry-After': RETRY_AFTER,
      ...RATE_LIMIT_RESPONSE_HEADERS,
    },
  });
