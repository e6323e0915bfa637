import {
  APPOINTMENT_STATUSES,
  type AppointmentStatus,
  transitionRefusal,
} from './appointment-status.js';

const started = {
  startTime: new Date('2027-01-04T09:00:00Z'),
  now: new Date('2027-01-04T10:00:00Z'),
};
const upcoming = {
  startTime: new Date('2027-01-04T09:00:00Z'),
  now: new Date('2027-01-03T10:00:00Z'),
};

describe('transitionRefusal', () => {
  it('allows exactly the moves of the status machine', () => {
    const allowed = APPOINTMENT_STATUSES.flatMap((from) =>
      APPOINTMENT_STATUSES.filter((to) => transitionRefusal(from, to, started) === null).map(
        (to) => `${from}->${to}`,
      ),
    );
    expect(allowed.sort()).toEqual(
      [
        'pending->confirmed',
        'pending->cancelled',
        'confirmed->completed',
        'confirmed->cancelled',
        'confirmed->no_show',
      ].sort(),
    );
  });

  it('names from and to, and says when a status is final', () => {
    expect(transitionRefusal('completed', 'cancelled', started)).toBe(
      'An appointment cannot go from completed to cancelled: completed is final.',
    );
    expect(transitionRefusal('pending', 'completed', started)).toBe(
      'An appointment cannot go from pending to completed; from pending it can only become confirmed or cancelled.',
    );
  });

  it('refuses completed and no-show before the session starts, not cancelling', () => {
    for (const to of ['completed', 'no_show'] as AppointmentStatus[]) {
      expect(transitionRefusal('confirmed', to, upcoming)).toMatch(
        /before it starts at 2027-01-04T09:00/,
      );
    }
    expect(transitionRefusal('confirmed', 'cancelled', upcoming)).toBeNull();
  });
});
