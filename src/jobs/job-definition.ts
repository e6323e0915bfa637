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

/**
 * A background job: a name, the queue it runs on, the function that does it, and optionally how
 * often it repeats. The same definition runs in the worker (through BullMQ) or in-process
 * (without Redis), so a job's code never knows which.
 */
export interface JobDefinition<Data = Record<string, unknown>> {
  name: string;
  /** Default: maintenance. */
  queue?: QueueName;
  handle(data: Data): Promise<void>;
  /**
   * What the job is about (an organisation, a user). Jobs of one name and key are deduplicated:
   * at most one waits while another runs, and a burst of events leaves one pending job.
   */
  key?: (data: Data) => string;
  /**
   * With a key: wait this long before running, so events arriving meanwhile join the same run
   * (a burst of mood entries of one organisation costs one recompute, not one each).
   */
  coalesceMs?: number;
  /** Repeat every this many milliseconds; the schedule survives restarts of either side. */
  everyMs?: number;
  /** Attempts before a failed run is left failed (default 3, exponential back-off). */
  attempts?: number;
  /** The first back-off; each further one doubles it (default 1 s). */
  backoffMs?: number;
}

/** The single queue every job goes through; job names tell them apart. */
export const JOBS_QUEUE = 'jobs';
