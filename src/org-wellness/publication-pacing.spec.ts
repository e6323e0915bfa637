import { mayPublish, type PublicationInput, samePeriod } from './publication-pacing.js';

const at = (iso: string) => new Date(iso);

describe('pacing of published organisation scores', () => {
  const base: PublicationInput = {
    last: { publishedAt: at('2026-03-09T08:00:00Z'), surveyId: null },
    now: at('2026-03-10T08:00:00Z'),
    cadence: 'daily',
    timezone: 'UTC',
    changedMembers: 5,
    surveyId: null,
    minGroupSize: 5,
  };

  it('publishes the first score, then once a period when enough members moved', () => {
    expect(mayPublish({ ...base, last: null, changedMembers: 0 })).toBe(true);
    expect(mayPublish(base)).toBe(true);
    expect(mayPublish({ ...base, changedMembers: 4 })).toBe(false);
    expect(mayPublish({ ...base, changedMembers: 1, surveyId: 'survey-2' })).toBe(true);
  });

  it('never publishes twice in one period of the organisation’s clock', () => {
    const sameDay = { ...base, now: at('2026-03-09T23:59:00Z'), changedMembers: 500 };
    expect(mayPublish(sameDay)).toBe(false);
    // 23:59 UTC on the 9th is already the 10th in Tokyo, which the 08:00 UTC one was not.
    expect(mayPublish({ ...sameDay, timezone: 'Asia/Tokyo' })).toBe(true);
    expect(mayPublish({ ...sameDay, cadence: 'hourly' })).toBe(true);
    expect(mayPublish({ ...sameDay, cadence: 'hourly', now: at('2026-03-09T08:59:59Z') })).toBe(
      false,
    );
  });

  it('counts a local day of 23 or 25 hours as one day', () => {
    // Europe/Berlin moves to summer time on 2026-03-29: that day has 23 hours.
    const tz = 'Europe/Berlin';
    expect(samePeriod(at('2026-03-28T23:00:00Z'), at('2026-03-29T21:59:00Z'), 'daily', tz)).toBe(
      true,
    );
    expect(samePeriod(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), 'daily', tz)).toBe(
      false,
    );
  });
});
