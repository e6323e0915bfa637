import { declareJob, type NoPayload } from '../jobs/job-catalogue.js';
import { noPayload, uuidField } from '../jobs/job-payload.js';

export const RECOMPUTE_CANDIDATES = 'buddies.recompute-candidates';
export const RECOMPUTE_ALL_CANDIDATES = 'buddies.recompute-all';

export interface RecomputeCandidatesPayload {
  userId: string;
}

declare module '../jobs/job-catalogue.js' {
  interface JobCatalogue {
    [RECOMPUTE_CANDIDATES]: RecomputeCandidatesPayload;
    [RECOMPUTE_ALL_CANDIDATES]: NoPayload;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Buddy matching's jobs: one person's candidate list after they save their profile (a burst of
 * saves costs one run), and every list once a day, after daylight saving moved some offsets.
 */
export const BUDDY_JOBS = [
  declareJob(RECOMPUTE_CANDIDATES, {
    queue: 'buddy-compatibility',
    parse: (data) => ({ userId: uuidField(data, 'userId') }),
    key: ({ userId }) => userId,
    coalesceMs: 500,
  }),
  declareJob(RECOMPUTE_ALL_CANDIDATES, {
    queue: 'buddy-compatibility',
    everyMs: DAY_MS,
    parse: noPayload,
  }),
];
