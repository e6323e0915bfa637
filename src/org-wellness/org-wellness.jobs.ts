import { declareJob, type NoPayload } from '../jobs/job-catalogue.js';
import { noPayload, uuidField } from '../jobs/job-payload.js';

export const RECOMPUTE_WELLNESS = 'orgs.recompute-wellness';
export const RECOMPUTE_ALL_WELLNESS = 'orgs.recompute-all-wellness';

export interface RecomputeWellnessPayload {
  orgId: string;
}

declare module '../jobs/job-catalogue.js' {
  interface JobCatalogue {
    [RECOMPUTE_WELLNESS]: RecomputeWellnessPayload;
    [RECOMPUTE_ALL_WELLNESS]: NoPayload;
  }
}

const HOUR_MS = 60 * 60 * 1000;
/**
 * Mood entries of one organisation arriving within this wait share one recompute: the score
 * moves slowly, and a large organisation logs moods all day long.
 */
const COALESCE_MS = 2_000;

/**
 * The organisation score's jobs: one organisation's recompute, queued (through the outbox) by
 * whatever moves its score, and a pass that queues one for every organisation, so that scores
 * also move as entries leave the 30-day window.
 */
export const ORG_WELLNESS_JOBS = [
  declareJob(RECOMPUTE_WELLNESS, {
    queue: 'org-wellness',
    parse: (data) => ({ orgId: uuidField(data, 'orgId') }),
    key: ({ orgId }) => orgId,
    coalesceMs: COALESCE_MS,
  }),
  declareJob(RECOMPUTE_ALL_WELLNESS, {
    queue: 'org-wellness',
    // Hourly, so an hourly cadence and each organisation's own midnight are both met.
    everyMs: HOUR_MS,
    parse: noPayload,
  }),
];
