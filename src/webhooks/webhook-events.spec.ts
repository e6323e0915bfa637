import {
  deliveryIdFor,
  dispatchedEvent,
  eventsBeyondScopes,
  parseDispatchPayload,
  webhookPayload,
} from './webhook-events.js';

const ORG = '2b7e1516-28ae-4d2a-a6ab-f7158809cf4f';
const SURVEY = '6bc1bee2-2e40-4f96-a93d-7e117393172a';
const NOW = new Date('2026-11-26T10:00:00Z');

/** A dispatch job's data as the job reads it back from the queue. */
const readDispatchedEvent = (raw: unknown, now: Date) =>
  dispatchedEvent(parseDispatchPayload(raw), now);

describe('webhook events', () => {
  it('keeps only the aggregate facts of each event', () => {
    const opened = readDispatchedEvent(
      { orgId: ORG, event: 'survey.opened', surveyId: SURVEY, respondentEmail: 'ana@acme.com' },
      NOW,
    );
    expect(opened).toEqual({
      orgId: ORG,
      event: 'survey.opened',
      occurredAt: NOW.toISOString(),
      occurrence: `survey.opened:${SURVEY}`,
      data: { surveyId: SURVEY },
    });
    const wellness = readDispatchedEvent(
      {
        orgId: ORG,
        event: 'org.wellness.updated',
        wellnessScore: 61.5,
        computedAt: '2026-11-26T09:59:58.000Z',
        memberCount: 12,
        userId: 'someone',
      },
      NOW,
    );
    expect(wellness.data).toEqual({ wellnessScore: 61.5, computedAt: '2026-11-26T09:59:58.000Z' });
    expect(wellness.occurredAt).toBe('2026-11-26T09:59:58.000Z');
  });

  it('takes the time the producer gives, and a hidden score as null', () => {
    const closed = readDispatchedEvent(
      { orgId: ORG, event: 'survey.closed', surveyId: SURVEY, occurredAt: '2026-11-26T08:00:00Z' },
      NOW,
    );
    expect(closed.occurredAt).toBe('2026-11-26T08:00:00.000Z');
    const hidden = readDispatchedEvent(
      { orgId: ORG, event: 'org.wellness.updated', computedAt: NOW.toISOString() },
      NOW,
    );
    expect(hidden.data.wellnessScore).toBeNull();
  });

  it('keeps in the payload only the fields of its event', () => {
    expect(
      parseDispatchPayload({ orgId: ORG, event: 'survey.closed', surveyId: SURVEY, email: 'x' }),
    ).toEqual({ orgId: ORG, event: 'survey.closed', surveyId: SURVEY });
    expect(
      parseDispatchPayload({
        orgId: ORG,
        event: 'org.wellness.updated',
        computedAt: NOW.toISOString(),
        memberCount: 12,
      }),
    ).toEqual({
      orgId: ORG,
      event: 'org.wellness.updated',
      wellnessScore: null,
      computedAt: NOW.toISOString(),
    });
  });

  it('refuses malformed dispatches', () => {
    expect(() => parseDispatchPayload(['survey.opened'])).toThrow(/not an object/);
    expect(() => readDispatchedEvent({ event: 'survey.opened', surveyId: SURVEY }, NOW)).toThrow(
      /organisation/,
    );
    expect(() => readDispatchedEvent({ orgId: ORG, event: 'user.updated' }, NOW)).toThrow(
      /unknown event/,
    );
    expect(() => readDispatchedEvent({ orgId: ORG, event: 'survey.closed' }, NOW)).toThrow(
      /survey id/,
    );
    expect(() =>
      readDispatchedEvent({ orgId: ORG, event: 'org.wellness.updated', wellnessScore: '7' }, NOW),
    ).toThrow(/wellnessScore/);
  });

  it('derives one stable delivery id per occurrence and subscription', () => {
    const id = deliveryIdFor('survey.opened:x', 'sub-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deliveryIdFor('survey.opened:x', 'sub-1')).toBe(id);
    expect(deliveryIdFor('survey.opened:x', 'sub-2')).not.toBe(id);
    expect(deliveryIdFor('survey.closed:x', 'sub-1')).not.toBe(id);
    const event = readDispatchedEvent(
      { orgId: ORG, event: 'survey.opened', surveyId: SURVEY },
      NOW,
    );
    expect(webhookPayload(id, event)).toEqual({
      id,
      event: 'survey.opened',
      orgId: ORG,
      occurredAt: NOW.toISOString(),
      data: { surveyId: SURVEY },
    });
  });

  it('lets a client hear only of what its scopes could read', () => {
    expect(eventsBeyondScopes(['survey.opened', 'org.wellness.updated'], ['surveys:read'])).toEqual(
      ['org.wellness.updated'],
    );
    expect(eventsBeyondScopes(['survey.closed'], ['surveys:write'])).toEqual([]);
    expect(eventsBeyondScopes(['org.wellness.updated'], ['org.wellness:read'])).toEqual([]);
    expect(eventsBeyondScopes(['survey.opened'], ['org.wellness:read'])).toEqual(['survey.opened']);
  });
});
