import { participationOf } from './group-privacy.js';

describe('participationOf', () => {
  it('shows the active count at the threshold, with the rate', () => {
    expect(participationOf(12, 6, 6)).toEqual({
      members: 12,
      activeLast30Days: 6,
      rate: 0.5,
      suppressedReason: null,
    });
  });

  it('withholds an active count between none and the threshold', () => {
    expect(participationOf(40, 2, 5)).toMatchObject({
      members: 40,
      activeLast30Days: null,
      rate: null,
      suppressedReason: expect.stringContaining('Fewer than 5'),
    });
  });

  it('shows that nobody is active, which says nothing of anyone in particular', () => {
    expect(participationOf(3, 0, 5)).toMatchObject({ activeLast30Days: 0, rate: 0 });
    expect(participationOf(0, 0, 5)).toMatchObject({ activeLast30Days: 0, rate: null });
  });
});
