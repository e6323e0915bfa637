import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequests } from '../../common/rate-limit/rate-limit.openapi.js';
import { AuthRateLimitGuard, FederatedRateLimitGuard } from './auth-rate-limit.guard.js';

/** Marks a route that counts requests by a limit of its own instead of the API-wide one. */
export const OWN_RATE_LIMIT = 'mindfulme:own-rate-limit';

const limited = (guard: typeof AuthRateLimitGuard | typeof FederatedRateLimitGuard, who: string) =>
  applyDecorators(
    SetMetadata(OWN_RATE_LIMIT, true),
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
