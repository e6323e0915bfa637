import type { Availability, WeeklyWindow } from './availability.js';
import { expandSlots, freeSlots, localStart, slotRangeErrors, slotStartingAt } from './slots.js';

const everyDay = (start: string, end: string): WeeklyWindow[] =>
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, start, end }));

const availability = (overrides: Partial<Availability>): Availability => ({
  timezone: 'Europe/Berlin',
  slotMinutes: 60,
  weekly: everyDay('09:00', '11:00'),
  exceptions: [],
  ...overrides,
});

const iso = (slots: Array<{ start: Date; end: Date }>) =>
  slots.map((slot) => `${slot.start.toISOString()}/${slot.end.toISOString()}`);
const starts = (slots: Array<{ start: Date }>) => slots.map((slot) => slot.start.toISOString());

describe('expandSlots', () => {
  it('cuts each window into slots of slotMinutes, dropping a shorter remainder', () => {
    const slots = expandSlots(
      availability({ slotMinutes: 50, weekly: [{ day: 'wed', start: '09:00', end: '11:00' }] }),
      new Date('2027-01-04T00:00:00Z'),
      new Date('2027-01-11T00:00:00Z'),
    );
    // Wednesday 2027-01-06, CET (+01:00): 09:00-09:50 and 09:50-10:40; 10:40-11:30 does not fit.
    expect(iso(slots)).toEqual([
      '2027-01-06T08:00:00.000Z/2027-01-06T08:50:00.000Z',
      '2027-01-06T08:50:00.000Z/2027-01-06T09:40:00.000Z',
    ]);
  });

  it('keeps 09:00 local across the spring change in Europe/Berlin, so UTC moves an hour', () => {
    const slots = expandSlots(
      availability({ weekly: everyDay('09:00', '10:00') }),
      new Date('2026-03-28T00:00:00Z'),
      new Date('2026-03-30T23:00:00Z'),
    );
    expect(starts(slots)).toEqual([
      '2026-03-28T08:00:00.000Z', // Saturday, CET
      '2026-03-29T07:00:00.000Z', // Sunday, the change at 02:00, CEST from then on
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(localStart(slots[0], 'Europe/Berlin')).toBe('2026-03-28T09:00:00.000+01:00');
    expect(localStart(slots[1], 'Europe/Berlin')).toBe('2026-03-29T09:00:00.000+02:00');
  });

  it('keeps 09:00 local across the autumn change in Europe/Berlin', () => {
    const slots = expandSlots(
      availability({ weekly: everyDay('09:00', '10:00') }),
      new Date('2026-10-24T00:00:00Z'),
      new Date('2026-10-26T23:00:00Z'),
    );
    expect(starts(slots)).toEqual([
      '2026-10-24T07:00:00.000Z', // CEST
      '2026-10-25T08:00:00.000Z', // back to CET at 03:00
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('keeps 09:00 local across both changes in America/New_York', () => {
    const newYork = availability({
      timezone: 'America/New_York',
      weekly: everyDay('09:00', '10:00'),
    });
    expect(
      starts(
        expandSlots(newYork, new Date('2026-03-07T12:00:00Z'), new Date('2026-03-09T23:00:00Z')),
      ),
    ).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']);
    expect(
      starts(
        expandSlots(newYork, new Date('2026-10-31T12:00:00Z'), new Date('2026-11-02T23:00:00Z')),
      ),
    ).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('offers no slot touching the skipped hour', () => {
    // 2026-03-29 in Berlin: 02:00-03:00 local does not exist.
    const slots = expandSlots(
      availability({ weekly: [{ day: 'sun', start: '00:00', end: '05:00' }] }),
      new Date('2026-03-28T00:00:00Z'),
      new Date('2026-03-30T00:00:00Z'),
    );
    // 01:00-02:00 ends at 02:00, which the clock skips; 02:00-03:00 starts there.
    expect(slots.map((slot) => localStart(slot, 'Europe/Berlin').slice(11, 16))).toEqual([
      '00:00',
      '03:00',
      '04:00',
    ]);
    for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(3_600_000);
  });

  it('offers no slot spanning a change, which would not last slotMinutes', () => {
    // 01:00-03:00 on 2026-03-29 in Berlin: both times exist, an hour apart.
    const slots = expandSlots(
      availability({ slotMinutes: 120, weekly: [{ day: 'sun', start: '01:00', end: '05:00' }] }),
      new Date('2026-03-28T00:00:00Z'),
      new Date('2026-03-30T00:00:00Z'),
    );
    expect(slots.map((slot) => localStart(slot, 'Europe/Berlin'))).toEqual([
      '2026-03-29T03:00:00.000+02:00',
    ]);
  });

  it('offers no slot touching the repeated hour, so no local time is ambiguous', () => {
    // 2026-10-25 in Berlin: 02:00-03:00 local happens twice, so 01:00-02:00 and 02:00-03:00
    // each have an end or a start that names two instants.
    const slots = expandSlots(
      availability({ weekly: [{ day: 'sun', start: '00:00', end: '05:00' }] }),
      new Date('2026-10-24T00:00:00Z'),
      new Date('2026-10-26T00:00:00Z'),
    );
    expect(slots.map((slot) => localStart(slot, 'Europe/Berlin').slice(11, 16))).toEqual([
      '00:00',
      '03:00',
      '04:00',
    ]);
  });

  it('lets an exception replace the weekday, and an empty one take the day off', () => {
    const slots = expandSlots(
      availability({
        weekly: everyDay('09:00', '10:00'),
        exceptions: [
          { date: '2027-01-05', windows: [] },
          { date: '2027-01-06', windows: [{ start: '14:00', end: '15:00' }] },
        ],
      }),
      new Date('2027-01-04T00:00:00Z'),
      new Date('2027-01-07T00:00:00Z'),
    );
    expect(starts(slots)).toEqual(['2027-01-04T08:00:00.000Z', '2027-01-06T13:00:00.000Z']);
  });

  it('uses the local date, not the UTC one, to choose the weekday', () => {
    // Monday 00:30 in Tokyo is still Sunday in UTC.
    const slots = expandSlots(
      availability({
        timezone: 'Asia/Tokyo',
        weekly: [{ day: 'mon', start: '00:30', end: '01:30' }],
      }),
      new Date('2027-01-02T00:00:00Z'),
      new Date('2027-01-05T00:00:00Z'),
    );
    expect(starts(slots)).toEqual(['2027-01-03T15:30:00.000Z']);
  });

  it('keeps only slots wholly inside the range', () => {
    const slots = expandSlots(
      availability({}),
      new Date('2027-01-04T08:30:00Z'),
      new Date('2027-01-04T10:00:00Z'),
    );
    expect(starts(slots)).toEqual(['2027-01-04T09:00:00.000Z']);
  });
});

describe('slotStartingAt', () => {
  it('finds the slot beginning at an instant, and nothing between slots', () => {
    const weekly = availability({ slotMinutes: 50 });
    expect(slotStartingAt(weekly, new Date('2027-01-04T08:50:00Z'))?.end.toISOString()).toBe(
      '2027-01-04T09:40:00.000Z',
    );
    expect(slotStartingAt(weekly, new Date('2027-01-04T08:30:00Z'))).toBeUndefined();
    expect(slotStartingAt(weekly, new Date('2027-01-04T12:00:00Z'))).toBeUndefined();
  });
});

describe('freeSlots', () => {
  const slots = expandSlots(
    availability({ weekly: everyDay('09:00', '12:00') }),
    new Date('2027-01-04T00:00:00Z'),
    new Date('2027-01-05T00:00:00Z'),
  );

  it('drops slots overlapping a live appointment, even partly, and those already begun', () => {
    const booked = [
      { start: new Date('2027-01-04T08:00:00Z'), end: new Date('2027-01-04T09:00:00Z') },
      { start: new Date('2027-01-04T10:30:00Z'), end: new Date('2027-01-04T10:45:00Z') },
    ];
    expect(starts(freeSlots(slots, booked, new Date('2027-01-01T00:00:00Z')))).toEqual([
      '2027-01-04T09:00:00.000Z',
    ]);
    expect(starts(freeSlots(slots, [], new Date('2027-01-04T09:00:00Z')))).toEqual([
      '2027-01-04T10:00:00.000Z',
    ]);
  });
});

describe('slotRangeErrors', () => {
  const fields = { from: 'from', to: 'to' };
  it('wants the end after the start and at most 31 days later', () => {
    const start = new Date('2027-01-01T00:00:00Z');
    expect(slotRangeErrors(start, start, fields)).toEqual([
      { field: 'to', reason: 'to must be after from' },
    ]);
    expect(slotRangeErrors(start, new Date('2027-02-01T00:00:00Z'), fields)).toEqual([]);
    expect(slotRangeErrors(start, new Date('2027-02-01T00:00:01Z'), fields)[0].reason).toMatch(
      /at most 31 days/,
    );
  });
});
