import { toUtcHours } from './utc-hours.js';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

describe('preferred hours in UTC', () => {
  it('shifts by the offset the zone has on the given date (daylight saving)', () => {
    expect(toUtcHours([9, 10], 'Europe/Berlin', winter)).toEqual({
      utcHours: [8, 9],
      utcOffsetMinutes: 60,
    });
    expect(toUtcHours([9, 10], 'Europe/Berlin', summer)).toEqual({
      utcHours: [7, 8],
      utcOffsetMinutes: 120,
    });
  });

  it('wraps across midnight and sorts', () => {
    expect(toUtcHours([20, 22, 8], 'America/New_York', winter)).toEqual({
      utcHours: [1, 3, 13],
      utcOffsetMinutes: -300,
    });
    expect(toUtcHours([3], 'Pacific/Auckland', winter).utcHours).toEqual([14]);
  });

  it('counts an hour that starts at half past in UTC as the hour it starts in', () => {
    expect(toUtcHours([9], 'Asia/Kolkata', winter)).toEqual({
      utcHours: [3],
      utcOffsetMinutes: 330,
    });
  });

  it('refuses a name that is no IANA zone', () => {
    expect(() => toUtcHours([9], 'Mars/Olympus', winter)).toThrow(/IANA/);
  });
});
