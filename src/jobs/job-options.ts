import type { JobsOptions } from 'bullmq';
import type { JobPayload } from './job-catalogue.js';
import type { JobDefinition } from './job-definition.js';

/** Keep finished jobs for inspection for a day, failed ones for a week. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };

/** The identity under which jobs of one name and key collapse into one. */
export function deduplicationId(definition: JobDefinition, payload: JobPayload) {
  return definition.key ? `${definition.name}:${definition.key(payload)}` : undefined;
}

/**
 * Retries with exponential back-off (from 1 s unless the job says otherwise); failures kept and
 * visible for a week. A keyed job is deduplicated with `keepLastIfActive`: while one runs, at
 * most one more waits (with the latest data), so a burst of events costs at most two runs and
 * never two at once; with `coalesceMs` the first run waits that long to take in the rest of the
 * burst.
 */
export function jobOptions(definition: JobDefinition, payload: JobPayload): JobsOptions {
  const id = deduplicationId(definition, payload);
  return {
    attempts: definition.attempts ?? 3,
    backoff: { type: 'exponential', delay: definition.backoffMs ?? 1000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
    ...(id ? { deduplication: { id, keepLastIfActive: true } } : {}),
    ...(id && definition.coalesceMs ? { delay: definition.coalesceMs } : {}),
  };
}
