import { createHash } from 'node:crypto';
import type { ClientScope } from '../auth/roles.js';
import { fieldsOf, isUuid } from '../jobs/job-payload.js';

/** The events an organisation can subscribe to. */
export const WEBHOOK_EVENTS = ['survey.opened', 'survey.closed', 'org.wellness.updated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Each event is POSTed to every subscription: a cap keeps one event from fanning out widely. It
 * also keeps an organisation's list of webhooks to one page.
 */
export const MAX_WEBHOOKS_PER_ORG = 10;

/**
 * The scopes an HR client needs to hear of each event: the same that lets it read what the
 * event reports, so a webhook never tells a client more than its token could fetch.
 */
const EVENT_SCOPES: Record<WebhookEvent, readonly ClientScope[]> = {
  'survey.opened': ['surveys:read', 'surveys:write'],
  'survey.closed': ['surveys:read', 'surveys:write'],
  'org.wellness.updated': ['org.wellness:read'],
};

/** The events of `events` that a client holding `scopes` may not receive. */
export function eventsBeyondScopes(
  events: readonly WebhookEvent[],
  scopes: readonly ClientScope[],
): WebhookEvent[] {
  return events.filter((event) => !EVENT_SCOPES[event].some((scope) => scopes.includes(scope)));
}

/** What a `webhooks.dispatch` job announces, reduced to what may be sent. */
export interface DispatchedEvent {
  orgId: string;
  event: WebhookEvent;
  /** ISO 8601. */
  occurredAt: string;
  /** Names this one occurrence: the same event dispatched twice makes the same deliveries. */
  occurrence: string;
  /** Aggregate facts only, never anything about a person. */
  data: Record<string, unknown>;
}

/** The JSON body a subscriber receives. */
export interface WebhookPayload {
  /** The delivery's id, also in the x-mindfulme-delivery header. */
  id: string;
  event: WebhookEvent;
  orgId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** What a producer puts in a `webhooks.dispatch` job: one event and its aggregate facts. */
export type DispatchPayload =
  | {
      orgId: string;
      event: 'org.wellness.updated';
      wellnessScore: number | null;
      /** ISO 8601: when the published score was computed. */
      computedAt: string;
    }
  | {
      orgId: string;
      event: 'survey.opened' | 'survey.closed';
      surveyId: string;
      /** ISO 8601; the time of the dispatch when absent. */
      occurredAt?: string;
    };

const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * Reads a dispatch job's data (`{ orgId, event, ...facts }`). Only the facts listed per event
 * are kept: whatever else a producer put in the job never reaches a subscriber. Malformed data
 * is a programming error and throws.
 */
export function parseDispatchPayload(raw: unknown): DispatchPayload {
  const fields = fieldsOf(raw);
  const { orgId, event } = fields;
  if (!isUuid(orgId)) throw new Error('webhooks.dispatch needs an organisation id.');
  if (!WEBHOOK_EVENTS.includes(event as WebhookEvent)) {
    throw new Error(`webhooks.dispatch got an unknown event: ${String(event)}.`);
  }
  if (event === 'org.wellness.updated') {
    const { wellnessScore = null, computedAt } = fields;
    if (
      (wellnessScore !== null && typeof wellnessScore !== 'number') ||
      !isIsoInstant(computedAt)
    ) {
      throw new Error('org.wellness.updated needs wellnessScore (number or null) and computedAt.');
    }
    return { orgId, event, wellnessScore, computedAt };
  }
  const { surveyId, occurredAt } = fields;
  if (!isUuid(surveyId)) throw new Error(`${String(event)} needs a survey id.`);
  return {
    orgId,
    event: event as 'survey.opened' | 'survey.closed',
    surveyId,
    ...(isIsoInstant(occurredAt) ? { occurredAt } : {}),
  };
}

/** The occurrence a dispatch announces, with only what may be sent. */
export function dispatchedEvent(payload: DispatchPayload, now: Date): DispatchedEvent {
  const { orgId, event } = payload;
  if (payload.event === 'org.wellness.updated') {
    const at = new Date(payload.computedAt).toISOString();
    return {
      orgId,
      event,
      occurredAt: at,
      occurrence: `${event}:${orgId}:${at}`,
      data: { wellnessScore: payload.wellnessScore, computedAt: at },
    };
  }
  // A survey opens once and closes once: the event and the survey name the occurrence.
  return {
    orgId,
    event,
    occurredAt: (payload.occurredAt ? new Date(payload.occurredAt) : now).toISOString(),
    occurrence: `${event}:${payload.surveyId}`,
    data: { surveyId: payload.surveyId },
  };
}

/**
 * The id of the delivery of one occurrence to one subscription, derived from both (an RFC 9562
 * version 8 UUID over SHA-256): a dispatch that runs twice inserts the same rows again, which
 * the database ignores, so no subscriber hears of one occurrence twice.
 */
export function deliveryIdFor(occurrence: string, subscriptionId: string): string {
  const bytes = createHash('sha256').update(`${occurrence}\u0000${subscriptionId}`).digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The body sent for `occurrence` to the subscription whose delivery is `deliveryId`. */
export function webhookPayload(deliveryId: string, occurrence: DispatchedEvent): WebhookPayload {
  return {
    id: deliveryId,
    event: occurrence.event,
    orgId: occurrence.orgId,
    occurredAt: occurrence.occurredAt,
    data: occurrence.data,
  };
}
