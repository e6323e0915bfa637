import { declareJob, type NoPayload } from './job-catalogue.js';
import { noPayload } from './job-payload.js';

export const PURGE_RELAYED_OUTBOX = 'outbox.purge-relayed';

declare module './job-catalogue.js' {
  interface JobCatalogue {
    [PURGE_RELAYED_OUTBOX]: NoPayload;
  }
}

/** The outbox's own job: relayed rows are kept a day for inspection, then purged hourly. */
export const OUTBOX_JOBS = [
  declareJob(PURGE_RELAYED_OUTBOX, { queue: 'maintenance', everyMs: 3600_000, parse: noPayload }),
];
