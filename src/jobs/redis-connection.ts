import { Redis, type RedisOptions } from 'ioredis';

/**
 * Options for every Redis connection of the process. `maxRetriesPerRequest: null` is what
 * BullMQ requires of a worker's connection, and keeps a command waiting through a Redis restart
 * instead of failing it.
 */
export function redisOptions(): RedisOptions {
  return { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false };
}

export function createRedis(url: string): Redis {
  return new Redis(url, redisOptions());
}

/** The process's Redis client, or null when REDIS_URL is absent. */
export abstract class RedisClient {
  abstract readonly client: Redis | null;
}
