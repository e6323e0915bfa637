import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.js';
import { RedisClient } from '../../jobs/redis-connection.js';
import { accountTracker, addressTracker, type TrackedRequest } from './trackers.js';

const WINDOW_SECONDS = 60;

/**
 * Limits sign-in attempts (login, register, refresh, password change) per client address and
 * per account, with rate-limiter-flexible: counted in Redis when there is one, so every API
 * process shares the count, and in memory otherwise or while Redis is unreachable.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly byAddress: RateLimiterAbstract;
  private readonly byAccount: RateLimiterAbstract;

  constructor(config: AppConfig, redis: RedisClient) {
    const limiter = (name: string, points: number): RateLimiterAbstract => {
      const options = {
        keyPrefix: `${config.QUEUE_PREFIX}:rate:auth:${name}`,
        points,
        duration: WINDOW_SECONDS,
      };
      if (!redis.client) return new RateLimiterMemory(options);
      return new RateLimiterRedis({
        ...options,
        storeClient: redis.client,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    };
    this.byAddress = limiter('address', config.AUTH_RATE_LIMIT_PER_ADDRESS);
    this.byAccount = limiter('account', config.AUTH_RATE_LIMIT_PER_ACCOUNT);
  }

  /** Counts one attempt; over either limit, refuses with 429 and how long to wait. */
  async consume(request: TrackedRequest): Promise<void> {
    try {
      await this.byAddress.consume(addressTracker(request));
      await this.byAccount.consume(accountTracker(request));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw new HttpException(
        {
          message: 'Too many attempts. Wait before trying again.',
          retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
