import { declareJob, type NoPayload } from '../jobs/job-catalogue.js';
import { noPayload, uuidField } from '../jobs/job-payload.js';
import { type DispatchPayload, parseDispatchPayload } from './webhook-events.js';

export const DISPATCH_WEBHOOKS = 'webhooks.dispatch';
export const DELIVER_WEBHOOK = 'webhooks.deliver';
export const PURGE_WEBHOOK_DELIVERIES = 'webhooks.purge-deliveries';

export interface DeliverWebhookPayload {
  deliveryId: string;
}

declare module '../jobs/job-catalogue.js' {
  interface JobCatalogue {
    [DISPATCH_WEBHOOKS]: DispatchPayload;
    [DELIVER_WEBHOOK]: DeliverWebhookPayload;
    [PURGE_WEBHOOK_DELIVERIES]: NoPayload;
  }
}

/** Attempts per delivery (back-off 1, 2, 4, 8, 16 s between them) before it is left failed. */
export const DELIVERY_ATTEMPTS = 6;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Webhooks' jobs. `webhooks.dispatch` has no key: keyed jobs collapse, and every event must go
 * out. It makes one delivery row per listening subscription and queues `webhooks.deliver` for
 * each, keyed by delivery, which POSTs and retries with back-off until a 2xx or the last attempt.
 */
export const WEBHOOK_JOBS = [
  declareJob(DISPATCH_WEBHOOKS, { queue: 'webhooks', parse: parseDispatchPayload }),
  declareJob(DELIVER_WEBHOOK, {
    queue: 'webhooks',
    parse: (data) => ({ deliveryId: uuidField(data, 'deliveryId') }),
    key: ({ deliveryId }) => deliveryId,
    attempts: DELIVERY_ATTEMPTS,
  }),
  declareJob(PURGE_WEBHOOK_DELIVERIES, { queue: 'maintenance', everyMs: DAY_MS, parse: noPayload }),
];
