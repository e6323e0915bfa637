import { Injectable, Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import type { QueueName } from './job-definition.js';
import { JobRefused, JobRegistry } from './job-registry.js';

/**
 * Worker options of every queue. Decorator options are fixed when the class is defined, before
 * the configuration is loaded, so the lock duration is read from the environment here; the
 * configuration (JOB_LOCK_DURATION_MS) validates the same variable at start.
 */
function workerOptions(concurrency: number) {
  const lockDuration = Number(process.env.JOB_LOCK_DURATION_MS) || 30_000;
  return { concurrency, lockDuration, stalledInterval: lockDuration, maxStalledCount: 2 };
}

/**
 * Runs each job of its queue with the handler registered under the job's name, on the payload
 * its declaration reads from the job's data. A job this process cannot read (a name no
 * catalogue has, a payload its job refuses) fails at once: retrying would refuse it again.
 */
@Injectable()
abstract class RegistryProcessor extends WorkerHost {
  private readonly logger = new Logger(this.constructor.name);

  constructor(private readonly registry: JobRegistry) {
    super();
  }

  async process(job: Job): Promise<void> {
    const { definition, payload } = readOrFail(this.registry, job);
    await definition.handle(payload);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn({ err: error, job: job?.name, attempt: job?.attemptsMade }, 'Job failed');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'Worker connection error');
  }
}

function readOrFail(registry: JobRegistry, job: Job) {
  try {
    return registry.read(job.name, job.data);
  } catch (error) {
    throw error instanceof JobRefused ? new UnrecoverableError(error.message) : error;
  }
}

@Processor('org-wellness', workerOptions(2))
export class OrgWellnessProcessor extends RegistryProcessor {}

@Processor('buddy-compatibility', workerOptions(2))
export class BuddyCompatibilityProcessor extends RegistryProcessor {}

@Processor('webhooks', workerOptions(8))
export class WebhooksProcessor extends RegistryProcessor {}

@Processor('maintenance', workerOptions(1))
export class MaintenanceProcessor extends RegistryProcessor {}

export const QUEUE_PROCESSORS: Record<QueueName, new (registry: JobRegistry) => WorkerHost> = {
  'org-wellness': OrgWellnessProcessor,
  'buddy-compatibility': BuddyCompatibilityProcessor,
  webhooks: WebhooksProcessor,
  maintenance: MaintenanceProcessor,
};
