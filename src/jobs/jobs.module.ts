import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { BullMqJobRunner } from './bullmq-job-runner.js';
import { InProcessJobRunner } from './in-process-job-runner.js';
import { JobRegistry } from './job-registry.js';
import { JobRunner } from './job-runner.js';
import { Outbox } from './outbox.js';
import { createRedis, RedisClient } from './redis-connection.js';

export interface JobsModuleOptions {
  /** true in the worker process: consume the queue as well as produce. */
  consume: boolean;
}

/**
 * Chooses how jobs run: through BullMQ when REDIS_URL is set, in-process otherwise. Also owns
 * the shared Redis client (or its absence) that other features use for counters.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        JobRegistry,
        Outbox,
        {
          provide: RedisClient,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new OwnedRedisClient(config.REDIS_URL),
        },
        {
          provide: JobRunner,
          inject: [JobRegistry, AppConfig],
          useFactory: (registry: JobRegistry, config: AppConfig) =>
            config.REDIS_URL
              ? new BullMqJobRunner(registry, config, options.consume)
              : new InProcessJobRunner(registry),
        },
      ],
      exports: [JobRegistry, JobRunner, RedisClient, Outbox],
    };
  }
}

class OwnedRedisClient extends RedisClient {
  readonly client;

  constructor(url: string | undefined) {
    super();
    this.client = url ? createRedis(url) : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}
