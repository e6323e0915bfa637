/** What a feature needs from the jobs machinery: hand a job over to be run. */
export abstract class JobRunner {
  /** Queues `name` with `data`; answers once the job is safely handed over, not when it ran. */
  abstract enqueue(name: string, data?: Record<string, unknown>): Promise<void>;
}

/** Back-off between attempts: 1 s, 2 s, 4 s, ... */
export function backoffDelayMs(attempt: number, baseMs = 1000): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
