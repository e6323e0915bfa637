import type { QueueName } from './job-definition.js';

/**
 * Every job of the service by name, with the payload it carries. Empty here: each feature adds
 * its own jobs in its `<feature>.jobs.ts`, augmenting this interface
 * (`declare module '../jobs/job-catalogue.js'`), so the jobs machinery names no feature and a
 * feature's jobs read in one file. The outbox and the runners take only these names, each with
 * its payload: a misspelt name or a wrong payload does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by augmentation
export interface JobCatalogue {}

export type JobName = Extract<keyof JobCatalogue, string>;
export type JobPayload<Name extends JobName = JobName> = JobCatalogue[Name];

/** The payload of a job that carries nothing (the scheduled passes). */
export type NoPayload = Record<string, never>;

/**
 * A job as its feature declares it: where it runs, how it is queued, and how its payload is
 * read back from the database or Redis, where no type holds. The handler is registered apart
 * (JobRegistry.handle), by the service that does the work.
 */
export interface JobDeclaration<Name extends JobName = JobName> {
  readonly name: Name;
  readonly queue: QueueName;
  /** The payload if `data` is one of this job's; otherwise throws, saying what is wrong. */
  parse(data: unknown): JobPayload<Name>;
  /**
   * What the job is about (an organisation, a user). Jobs of one name and key are deduplicated:
   * at most one waits while another runs, and a burst of events leaves one pending job.
   */
  key?(payload: JobPayload<Name>): string;
  /**
   * With a key: wait this long before running, so events arriving meanwhile join the same run
   * (a burst of mood entries of one organisation costs one recompute, not one each).
   */
  readonly coalesceMs?: number;
  /** Repeat every this many milliseconds; the schedule survives restarts of either side. */
  readonly everyMs?: number;
  /** Attempts before a failed run is left failed (default 3, exponential back-off). */
  readonly attempts?: number;
  /** The first back-off; each further one doubles it (default 1 s). */
  readonly backoffMs?: number;
}

/** Declares job `name`; the name is given once, and the rest is checked against its payload. */
export function declareJob<Name extends JobName>(
  name: Name,
  declaration: Omit<JobDeclaration<Name>, 'name'>,
): JobDeclaration<Name> {
  return { name, ...declaration };
}
