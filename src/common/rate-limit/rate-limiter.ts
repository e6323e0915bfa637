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

/** Where one limit stands for a caller after an attempt, for the RateLimit headers. */
export interface LimitState {
  /** The policy's name in the headers, e.g. "address" or "account". */
  policy: string;
  quota: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * The IETF RateLimit-Policy and RateLimit header fields (draft-ietf-httpapi-ratelimit-headers):
 * every policy the route counts, and where the caller stands in the one closest to its limit.
 */
export function rateLimitHeaders(states: LimitState[]): Record<string, string> {
  if (states.length === 0) return {};
  const policy = states.map((s) => `"${s.policy}";q=${s.quota};w=${s.windowSeconds}`).join(', ');
  const tightest = states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return {
    'RateLimit-Policy': policy,
    RateLimit: `"${tightest.policy}";r=${tightest.remaining};t=${tightest.resetSeconds}`,
  };
}

/** Puts the RateLimit header fields of `states` on an answer (`reply.header` of Fastify). */
export function announceLimits(
  reply: { header(name: string, value: string): unknown },
  states: LimitState[],
): void {
  for (const [name, value] of Object.entries(rateLimitHeaders(states))) reply.header(name, value);
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
 * Consumes one point for `key` of the limit named `policy`; answers where the caller stands.
 * Over the limit, a 429 whose problem document says `message`, with Retry-After and the
 * RateLimit headers of this limit and of `counted` before it.
 */
export async function consumeOrRefuse(
  limiter: RateLimiterAbstract,
  key: string,
  message: string,
  policy = 'default',
  counted: LimitState[] = [],
): Promise<LimitState> {
  const stateOf = (res: RateLimiterRes): LimitState => ({
    policy,
    quota: limiter.points,
    windowSeconds: limiter.duration,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
  try {
    return stateOf(await limiter.consume(key));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const state = stateOf(error);
    throw new HttpException(
      {
        message,
        headers: {
          'Retry-After': state.resetSeconds,
          ...rateLimitHeaders([...counted, state]),
        },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
