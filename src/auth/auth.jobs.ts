import { declareJob, type NoPayload } from '../jobs/job-catalogue.js';
import { noPayload } from '../jobs/job-payload.js';

export const PURGE_EXPIRED_SESSIONS = 'auth.purge-expired-sessions';

declare module '../jobs/job-catalogue.js' {
  interface JobCatalogue {
    [PURGE_EXPIRED_SESSIONS]: NoPayload;
  }
}

const HOUR_MS = 60 * 60_000;

/** Sign-in's job: expired sessions go, hourly. */
export const AUTH_JOBS = [
  declareJob(PURGE_EXPIRED_SESSIONS, { queue: 'maintenance', everyMs: HOUR_MS, parse: noPayload }),
];
