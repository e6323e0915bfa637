import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { AuthRateLimitGuard, FederatedRateLimitGuard } from './auth-rate-limit.guard.js';

const RATE_LIMIT_HEADERS = {
  'RateLimit-Policy': {
    description:
      'The limits this route counts (IETF RateLimit header fields): quota q per w seconds.',
    schema: { type: 'string', example: '"address";q=20;w=60, "account";q=5;w=60' },
  },
  RateLimit: {
    description:
      'Where the caller stands in the limit closest to running out: r left, t seconds to reset.',
    schema: { type: 'string', example: '"account";r=4;t=60' },
  },
};

const limited = (guard: typeof AuthRateLimitGuard | typeof FederatedRateLimitGuard, who: string) =>
  applyDecorators(
    UseGuards(guard),
    ApiResponse({
      status: 429,
      description: `Too many attempts ${who} in the last minute; try again after Retry-After seconds.`,
      headers: {
        'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
        ...RATE_LIMIT_HEADERS,
      },
    }),
  );

/** Sign-in attempts, counted per client address and per account (see AuthRateLimiter). */
export const RateLimited = () =>
  limited(AuthRateLimitGuard, 'from this address or for this account');

/** Federated sign-ins, counted per identity with a wide per-address limit. */
export const FederatedRateLimited = () =>
  limited(FederatedRateLimitGuard, 'for this identity (or very many from this address)');
