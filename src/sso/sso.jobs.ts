import { declareJob, type NoPayload } from '../jobs/job-catalogue.js';
import { noPayload } from '../jobs/job-payload.js';

export const PURGE_USED_ID_TOKENS = 'sso.purge-used-id-tokens';

declare module '../jobs/job-catalogue.js' {
  interface JobCatalogue {
    [PURGE_USED_ID_TOKENS]: NoPayload;
  }
}

const HOUR_MS = 60 * 60_000;

/** Single sign-on's job: ID tokens spent long enough ago to have expired are forgotten, hourly. */
export const SSO_JOBS = [
  declareJob(PURGE_USED_ID_TOKENS, { queue: 'maintenance', everyMs: HOUR_MS, parse: noPayload }),
];
