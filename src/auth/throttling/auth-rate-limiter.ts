import { Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import {
  consumeOrRefuse,
  createRateLimiter,
  type LimitState,
} from '../../common/rate-limit/rate-limiter.js';
import { AppConfig } from '../../config/app-config.js';
import { RedisClient } from '../../jobs/redis-connection.js';
import {
  accountTracker,
  addressTracker,
  federatedIdentityTracker,
  type TrackedRequest,
} from './trackers.js';

const WINDOW_SECONDS = 60;
const TOO_MANY = 'Too many attempts. Wait before trying again.';

/**
 * Limits sign-in attempts (login, register, refresh, password change, SSO, OAuth tokens) per
 * client address and per account.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly byAddress: RateLimiterAbstract;
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddressFederated: RateLimiterAbstract;

  constructor(config: AppConfig, redis: RedisClient) {
    const limit = (name: string, points: number) =>
      createRateLimiter(redis.client, {
        keyPrefix: `${config.QUEUE_PREFIX}:rate:auth:${name}`,
        points,
        durationSeconds: WINDOW_SECONDS,
      });
    this.byAddress = limit('address', config.AUTH_RATE_LIMIT_PER_ADDRESS);
    this.byAccount = limit('account', config.AUTH_RATE_LIMIT_PER_ACCOUNT);
    this.byAddressFederated = limit(
      'federated-address',
      config.AUTH_RATE_LIMIT_PER_ADDRESS_FEDERATED,
    );
  }

  /** Counts one attempt; over either limit, refuses with 429 and how long to wait. */
  async consume(request: TrackedRequest): Promise<LimitState[]> {
    const address = await consumeOrRefuse(
      this.byAddress,
      addressTracker(request),
      TOO_MANY,
      'address',
    );
    const account = await consumeOrRefuse(
      this.byAccount,
      accountTracker(request),
      TOO_MANY,
      'account',
      [address],
    );
    return [address, account];
  }

  /**
   * For SSO exchanges and client-credentials tokens: many people share an office address, so
   * the address gets a wide limit and each identity (issuer and subject, or client id) the
   * account limit.
   */
  async consumeFederated(request: TrackedRequest): Promise<LimitState[]> {
    const address = await consumeOrRefuse(
      this.byAddressFederated,
      addressTracker(request),
      TOO_MANY,
      'address',
    );
    const identity = await consumeOrRefuse(
      this.byAccount,
      federatedIdentityTracker(request),
      TOO_MANY,
      'identity',
      [address],
    );
    return [address, identity];
  }
}
