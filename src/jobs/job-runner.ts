import type { JobName, JobPayload } from './job-catalogue.js';

/** What a feature needs from the jobs machinery: hand a job over to be run. */
export abstract class JobRunner {
  /** Queues job `name` with its payload; answers once it is safely handed over, not when it ran. */
  abstract enqueue<Name extends JobName>(name: Name, payload: JobPayload<Name>): Promise<void>;
}

/** Back-off between attempts: 1 s, 2 s, 4 s, ... */
export function backoffDelayMs(attempt: number, baseMs = 1000): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
