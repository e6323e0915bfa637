import { compatibilityScore, hourOverlap, jaccard } from './compatibility.js';

describe('buddy compatibility', () => {
  it('computes the Jaccard index, 0 when both sets are empty', () => {
    expect(jaccard(['running', 'chess'], ['chess', 'yoga'])).toEqual({ shared: 1, of: 3 });
    expect(jaccard(['a', 'a', 'b'], ['b'])).toEqual({ shared: 1, of: 2 });
    expect(jaccard([], [])).toEqual({ shared: 0, of: 1 });
  });

  it('measures hour overlap against the smaller set of hours', () => {
    expect(hourOverlap([9], [8, 9, 10, 11])).toEqual({ shared: 1, of: 1 });
    expect(hourOverlap([1, 2], [2, 3, 4])).toEqual({ shared: 1, of: 2 });
    expect(hourOverlap([1], [5])).toEqual({ shared: 0, of: 1 });
  });

  it('weights interests 0.5, hours 0.3 and goals 0.2', () => {
    const same = { interests: ['chess'], goals: ['sleep'], utcHours: [9] };
    expect(compatibilityScore(same, same)).toBe(1);
    expect(
      compatibilityScore(
        { interests: ['chess'], goals: ['sleep'], utcHours: [9] },
        { interests: ['yoga'], goals: ['stress'], utcHours: [20] },
      ),
    ).toBe(0);
    // 0.5 * 1/3 + 0.3 * 1/2 + 0.2 * 0 = 0.31666...
    expect(
      compatibilityScore(
        { interests: ['running', 'chess'], goals: [], utcHours: [1, 2] },
        { interests: ['chess', 'yoga'], goals: ['sleep'], utcHours: [2, 3, 4] },
      ),
    ).toBe(0.3167);
  });

  it('counts goals as 0 when neither person named any', () => {
    expect(
      compatibilityScore(
        { interests: ['chess'], goals: [], utcHours: [9] },
        { interests: ['chess'], goals: [], utcHours: [9] },
      ),
    ).toBe(0.8);
  });

  it('rounds an exact half at the fifth decimal up, whatever floating point would do', () => {
    // 0.5 * 1/16 = 0.03125 exactly.
    const sixteen = Array.from({ length: 16 }, (_, index) => `tag-${index}`);
    expect(
      compatibilityScore(
        { interests: sixteen.slice(0, 1), goals: ['sleep'], utcHours: [9] },
        { interests: sixteen, goals: ['stress'], utcHours: [20] },
      ),
    ).toBe(0.0313);
    const sixteenHours = Array.from({ length: 16 }, (_, index) => index);
    const laterSixteenHours = sixteenHours.map((hour) => hour + 7);
    // 0.3 * 9/16 = 0.16875 exactly; as floats it is 0.16874999...
    expect(
      compatibilityScore(
        { interests: ['chess'], goals: ['sleep'], utcHours: sixteenHours },
        { interests: ['yoga'], goals: ['stress'], utcHours: laterSixteenHours },
      ),
    ).toBe(0.1688);
    // 0.5 * 1/3 + 0.3 * 9/16 + 0.2 * 2/3 = 0.46875 exactly; term by term in decimals it is 0.46874999...
    expect(
      compatibilityScore(
        { interests: ['a', 'b'], goals: ['sleep', 'stress'], utcHours: sixteenHours },
        {
          interests: ['b', 'c'],
          goals: ['sleep', 'stress', 'anxiety'],
          utcHours: laterSixteenHours,
        },
      ),
    ).toBe(0.4688);
  });
});
