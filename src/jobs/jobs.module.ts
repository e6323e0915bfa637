import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '../config/app-config.js';
import { BullMqJobRunner } from './bullmq-job-runner.js';
import { InProcessJobRunner } from './in-process-job-runner.js';
import type { JobDeclaration } from './job-catalogue.js';
import { QUEUE_NAMES } from './job-definition.js';
import { JobRegistry } from './job-registry.js';
import { JobRunner } from './job-runner.js';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxRepository } from './outbox.repository.js';
import { OUTBOX_JOBS } from './outbox.jobs.js';
import { QUEUE_PROCESSORS } from './queue-processors.js';
import { createRedis, RedisClient } from './redis-connection.js';

export interface JobsModuleOptions {
  /** true in the worker process: consume the queues as well as produce. */
  consume: boolean;
}

/**
 * Chooses how jobs run: through BullMQ's queues (@nestjs/bullmq) when REDIS_URL is set, with
 * the queue processors only in the worker process; in-process otherwise. Also owns the job
 * catalogue (JobRegistry, filled by each feature's `forFeature`), the outbox and its relay, and
 * the shared Redis client (or its absence) that features use for counters.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig, options: JobsModuleOptions): DynamicModule {
    const common: Provider[] = [
      JobRegistry,
      declaring(OUTBOX_JOBS),
      Outbox,
      OutboxRepository,
      OutboxRelay,
      { provide: RedisClient, useValue: new OwnedRedisClient(config.REDIS_URL) },
    ];
    const exports = [JobRegistry, JobRunner, RedisClient, Outbox, OutboxRelay];
    if (!config.REDIS_URL) {
      return {
        module: JobsModule,
        providers: [...common, { provide: JobRunner, useClass: InProcessJobRunner }],
        exports,
      };
    }
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({
          connection: { url: config.REDIS_URL },
          prefix: config.QUEUE_PREFIX,
        }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
      ],
      providers: [
        ...common,
        BullMqJobRunner,
        { provide: JobRunner, useExisting: BullMqJobRunner },
        ...(options.consume ? Object.values(QUEUE_PROCESSORS) : []),
      ],
      exports: [...exports, BullMqJobRunner],
    };
  }

  /**
   * Adds a feature's jobs (its `<feature>.jobs.ts`) to the catalogue, in the imports of the
   * module whose services handle them: `imports: [JobsModule.forFeature(WEBHOOK_JOBS)]`.
   */
  static forFeature(jobs: readonly JobDeclaration[]): DynamicModule {
    return { module: JobCatalogueModule, providers: [declaring(jobs)] };
  }
}

/** One feature's part of the catalogue. */
class JobCatalogueModule {}

function declaring(jobs: readonly JobDeclaration[]): Provider {
  return {
    provide: `job declarations: ${jobs.map((job) => job.name).join(', ')}`,
    inject: [JobRegistry],
    useFactory: (registry: JobRegistry) => {
      registry.declare(jobs);
      return jobs;
    },
  };
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
