import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { JobName, JobPayload } from './job-catalogue.js';
import { type QueueName, QUEUE_NAMES } from './job-definition.js';
import { jobOptions } from './job-options.js';
import { JobRegistry } from './job-registry.js';
import { JobRunner } from './job-runner.js';

/** Counts of one queue, as the readiness probe and operators see them. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Processes consuming the queue now: 0 means its jobs wait until a worker starts. */
  consumers: number;
}

/**
 * Hands jobs to BullMQ's queues (registered through @nestjs/bullmq), each job on the queue its
 * definition names. Producing only: the worker process consumes through the queue processors.
 */
@Injectable()
export class BullMqJobRunner extends JobRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger('BullMqJobRunner');
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly registry: JobRegistry,
    @InjectQueue('org-wellness') orgWellness: Queue,
    @InjectQueue('buddy-compatibility') buddyCompatibility: Queue,
    @InjectQueue('webhooks') webhooks: Queue,
    @InjectQueue('maintenance') maintenance: Queue,
  ) {
    super();
    const queues = [orgWellness, buddyCompatibility, webhooks, maintenance];
    for (const queue of queues) {
      this.queues.set(queue.name as QueueName, queue);
      // Redis going away is reported here (and by /health/ready), not thrown at the process.
      queue.on('error', (error) =>
        this.logger.warn({ err: error, queue: queue.name }, 'Queue connection error'),
      );
    }
    const missing = QUEUE_NAMES.filter((name) => !this.queues.has(name));
    if (missing.length > 0) throw new Error(`Queues not registered: ${missing.join(', ')}`);
  }

  /** Keeps the repeating schedules in place: an idempotent upsert at every start. */
  async onApplicationBootstrap(): Promise<void> {
    for (const definition of this.registry.all()) {
      if (!definition.everyMs) continue;
      const { deduplication: _none, ...opts } = jobOptions(definition, {});
      await this.queueOf(definition.queue).upsertJobScheduler(
        definition.name,
        { every: definition.everyMs },
        { name: definition.name, data: {}, opts },
      );
    }
  }

  async enqueue<Name extends JobName>(name: Name, payload: JobPayload<Name>): Promise<void> {
    const definition = this.registry.get(name);
    await this.queueOf(definition.queue).add(name, payload, jobOptions(definition, payload));
  }

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const entries = await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const [counts, consumers] = await Promise.all([
          queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
          queue.getWorkersCount(),
        ]);
        return [name, { ...counts, consumers } as unknown as QueueCounts] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  private queueOf(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No queue named "${name}".`);
    return queue;
  }
}
