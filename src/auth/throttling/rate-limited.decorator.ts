import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiTooManyRequests } from '../../common/rate-limit/rate-limit.openapi.js';
import { AuthRateLimitGuard, FederatedRateLimitGuard } from './auth-rate-limit.guard.js';

const limited = (guard: typeof AuthRateLimitGuard | typeof FederatedRateLimitGuard, who: string) =>
  applyDecorators(
    UseGuards(guard),
    ApiTooManyRequests(
      `Too many attempts ${who} in the last minute; try again after Retry-After seconds.`,
    ),
  );

/** Sign-in attempts, counted per client address and per account (see AuthRateLimiter). */
export const RateLimited = () =>
  limited(AuthRateLimitGuard, 'from this address or for this account');

/** Federated sign-ins, counted per identity with a wide per-address limit. */
export const FederatedRateLimited = () =>
  limited(FederatedRateLimitGuard, 'for this identity (or very many from this address)');
