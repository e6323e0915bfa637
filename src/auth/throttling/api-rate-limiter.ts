import { Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { consumeOrRefuse, type LimitState } from '../../common/rate-limit/rate-limiter.js';
import { AppConfig } from '../../config/app-config.js';
import type { Principal } from '../roles.js';

const WINDOW_SECONDS = 60;
const TOO_MANY = 'Too many requests. Wait before trying again.';

/**
 * The API-wide limit (OWASP API4, unrestricted resource consumption): each person and each HR
 * client, and each address for requests without a valid token, may make so many requests a
 * minute. Kept in process memory on purpose: it bounds a runaway integration or script without
 * a Redis round trip on every request; the sign-in routes keep their shared, stricter limits.
 */
@Injectable()
export class ApiRateLimiter {
  private readonly byPrincipal: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(config: AppConfig) {
    this.byPrincipal = new RateLimiterMemory({
      keyPrefix: 'api:principal',
      points: config.API_RATE_LIMIT_PER_PRINCIPAL,
      duration: WINDOW_SECONDS,
    });
    this.byAddress = new RateLimiterMemory({
      keyPrefix: 'api:address',
      points: config.API_RATE_LIMIT_PER_ADDRESS,
      duration: WINDOW_SECONDS,
    });
  }

  /** Counts one request of a signed-in person or an HR client; over the limit, 429. */
  consumeFor(principal: Principal): Promise<LimitState> {
    const key =
      principal.kind === 'client' ? `client:${principal.clientId}` : `user:${principal.userId}`;
    return consumeOrRefuse(
      this.byPrincipal,
      key,
      TOO_MANY,
      principal.kind === 'client' ? 'client' : 'person',
    );
  }

  /** Counts one request without a valid token, by the socket's address; over the limit, 429. */
  consumeForAddress(address: string | undefined): Promise<LimitState> {
    return consumeOrRefuse(this.byAddress, address ?? 'unknown', TOO_MANY, 'address');
  }
}
