/**
 * A background job: a name, the function that does it, and optionally how often it repeats.
 * The same definition runs in the worker (through BullMQ) or in-process (without Redis), so a
 * job's code never knows which.
 */
export interface JobDefinition<Data = Record<string, unknown>> {
  name: string;
  handle(data: Data): Promise<void>;
  /** Repeat every this many milliseconds; the schedule survives restarts of either side. */
  everyMs?: number;
  /** Attempts before a failed run is left failed (default 3, exponential back-off). */
  attempts?: number;
}

/** The single queue every job goes through; job names tell them apart. */
export const JOBS_QUEUE = 'jobs';
