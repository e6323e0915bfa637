import { HttpException, HttpStatus } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface RateLimit {
  /** Key prefix in Redis, unique per limit. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/**
 * A limiter from rate-limiter-flexible: counted in Redis when there is one, so every API process
 * shares the count, and in memory without Redis or while Redis does not answer.
 */
export function createRateLimiter(redis: Redis | null, limit: RateLimit): RateLimiterAbstract {
  const options = {
    keyPrefix: limit.keyPrefix,
    points: limit.points,
    duration: limit.durationSeconds,
  };
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/**
 * Consumes one point for `key`; over the limit, a 429 whose problem document says `message`
 * and whose Retry-After says when to try again.
 */
export async function consumeOrRefuse(
  limiter: RateLimiterAbstract,
  key: string,
  message: string,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw new HttpException(
      { message, retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
