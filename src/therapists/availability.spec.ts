import { type Availability, availabilityErrors, readAvailability } from './availability.js';

const valid: Availability = {
  timezone: 'Europe/Berlin',
  slotMinutes: 50,
  weekly: [
    { day: 'mon', start: '09:00', end: '12:00' },
    { day: 'mon', start: '13:00', end: '17:00' },
    { day: 'tue', start: '09:00', end: '12:00' },
  ],
  exceptions: [{ date: '2027-01-04', windows: [] }],
};

describe('availabilityErrors', () => {
  it('accepts separate windows, touching windows and a day off', () => {
    expect(availabilityErrors(valid)).toEqual([]);
    expect(
      availabilityErrors({
        ...valid,
        weekly: [
          { day: 'wed', start: '09:00', end: '12:00' },
          { day: 'wed', start: '12:00', end: '13:00' },
        ],
      }),
    ).toEqual([]);
  });

  it('names a window that ends before it starts', () => {
    expect(
      availabilityErrors({ ...valid, weekly: [{ day: 'fri', start: '17:00', end: '09:00' }] }),
    ).toEqual([
      { field: 'availability.weekly.0.end', reason: 'end must be after start, the same day' },
    ]);
  });

  it('names the later of two overlapping windows of one day, whatever their order', () => {
    expect(
      availabilityErrors({
        ...valid,
        weekly: [
          { day: 'mon', start: '11:00', end: '14:00' },
          { day: 'tue', start: '10:00', end: '11:00' },
          { day: 'mon', start: '09:00', end: '12:00' },
        ],
      }),
    ).toEqual([{ field: 'availability.weekly.0.start', reason: 'overlaps weekly.2 on mon' }]);
  });

  it('checks exception dates and windows', () => {
    expect(
      availabilityErrors({
        ...valid,
        exceptions: [
          { date: '2027-02-30', windows: [] },
          { date: '2027-03-01', windows: [] },
          {
            date: '2027-03-01',
            windows: [
              { start: '09:00', end: '10:00' },
              { start: '09:30', end: '11:00' },
            ],
          },
        ],
      }),
    ).toEqual([
      {
        field: 'availability.exceptions.0.date',
        reason: 'date must be a calendar date (YYYY-MM-DD)',
      },
      {
        field: 'availability.exceptions.2.date',
        reason: 'date appears in more than one exception',
      },
      {
        field: 'availability.exceptions.2.windows.1.start',
        reason: 'overlaps exceptions.2.windows.0 on 2027-03-01',
      },
    ]);
  });
});

describe('readAvailability', () => {
  it('reads a stored availability, and none from the column default', () => {
    expect(readAvailability(valid)).toEqual(valid);
    expect(readAvailability({})).toBeNull();
    expect(readAvailability(null)).toBeNull();
  });
});
