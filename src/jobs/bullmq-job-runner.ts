import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { JOBS_QUEUE } from './job-definition.js';
import { JobRegistry } from './job-registry.js';
import { JobRunner } from './job-runner.js';
import { createRedis } from './redis-connection.js';

/** Keep finished jobs for inspection for a day, failed ones for a week. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };

/**
 * Queues jobs in Redis through BullMQ. The API process only produces and keeps the repeating
 * schedules in place (an idempotent upsert at every start); the worker process also consumes.
 */
@Injectable()
export class BullMqJobRunner
  extends JobRunner
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('BullMqJobRunner');
  private readonly queue: Queue;
  private worker?: Worker;
  /** BullMQ leaves connections it was handed open on close; these are ours to close. */
  private readonly connections: Redis[] = [];

  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
    private readonly consume: boolean,
  ) {
    super();
    this.queue = new Queue(JOBS_QUEUE, {
      connection: this.connect(),
      prefix: config.QUEUE_PREFIX,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const definition of this.registry.all()) {
      if (!definition.everyMs) continue;
      await this.queue.upsertJobScheduler(
        definition.name,
        { every: definition.everyMs },
        { name: definition.name, data: {}, opts: this.jobOptions(definition.name) },
      );
    }
    if (this.consume) this.startWorker();
  }

  async enqueue(name: string, data: Record<string, unknown> = {}): Promise<void> {
    this.registry.get(name);
    await this.queue.add(name, data, this.jobOptions(name));
  }

  /** Lets the worker finish the jobs it holds, then closes both connections. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await Promise.all(
      this.connections.map((connection) => connection.quit().catch(() => undefined)),
    );
  }

  private connect(): Redis {
    const connection = createRedis(this.redisUrl());
    this.connections.push(connection);
    return connection;
  }

  private startWorker(): void {
    this.worker = new Worker(
      JOBS_QUEUE,
      async (job) => this.registry.get(job.name).handle(job.data as Record<string, unknown>),
      {
        connection: this.connect(),
        prefix: this.config.QUEUE_PREFIX,
        concurrency: 4,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, job: job?.name, attempt: job?.attemptsMade }, 'Job failed'),
    );
    this.worker.on('error', (error) => this.logger.error({ err: error }, 'Worker error'));
  }

  private jobOptions(name: string) {
    return {
      attempts: this.registry.get(name).attempts ?? 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
  }

  private redisUrl(): string {
    if (!this.config.REDIS_URL) throw new Error('BullMqJobRunner needs REDIS_URL.');
    return this.config.REDIS_URL;
  }
}
