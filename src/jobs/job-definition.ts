import type { JobDeclaration, JobName, JobPayload } from './job-catalogue.js';

/**
 * The queues of the service. Each has its own workers, so a slow or failing kind of job never
 * holds up another kind.
 */
export const QUEUE_NAMES = [
  'org-wellness',
  'buddy-compatibility',
  'webhooks',
  'maintenance',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The work of job `Name`, given its payload already read (JobDeclaration.parse). */
export type JobHandler<Name extends JobName = JobName> = (
  payload: JobPayload<Name>,
) => Promise<void>;

/**
 * A background job as the runners see it: its declaration with the handler registered for it.
 * The same definition runs in the worker (through BullMQ) or in-process (without Redis), so a
 * job's code never knows which.
 */
export interface JobDefinition<Name extends JobName = JobName> extends JobDeclaration<Name> {
  handle(payload: JobPayload<Name>): Promise<void>;
}
