import fc from 'fast-check';
import { compatibilityScore, type BuddyTraits } from './compatibility.js';
import { CompatibilityMasks, IndexedSets, popcount32 } from './compatibility-masks.js';

/** Profiles drawn from `tags` interests, so that pairs share some and not others. */
const profilesOf = (tags: number, count: { minLength: number; maxLength: number }) =>
  fc.array(
    fc.record({
      interests: fc.array(
        fc.integer({ min: 0, max: tags - 1 }).map((n) => `tag-${n}`),
        {
          maxLength: 20,
        },
      ),
      goals: fc.array(fc.constantFrom('sleep', 'stress', 'anxiety', 'exercise', 'focus'), {
        maxLength: 10,
      }),
      utcHours: fc.array(fc.integer({ min: 0, max: 23 }), { maxLength: 24 }),
    }),
    count,
  );

function expectSameScoresAsTheFormula(profiles: BuddyTraits[]) {
  const masks = new CompatibilityMasks(profiles);
  const pairs = profiles.flatMap((a, i) => profiles.map((b, j) => ({ a, b, i, j })));
  expect(pairs.map(({ i, j }) => masks.score(i, j))).toEqual(
    pairs.map(({ a, b }) => compatibilityScore(a, b)),
  );
}

describe('compatibility from bit masks', () => {
  it('counts set bits of any 32-bit word, sign bit included', () => {
    expect([0, 1, 0b1011, 0x80000000, 0xffffffff, -1].map(popcount32)).toEqual([
      0, 1, 3, 1, 32, 32,
    ]);
  });

  it('sizes and intersects sets, duplicates counted once', () => {
    const sets = new IndexedSets([['chess', 'chess', 'yoga'], ['yoga', 'jazz'], [], [3, 5]]);
    expect([0, 1, 2, 3].map((index) => sets.size(index))).toEqual([2, 2, 0, 2]);
    expect(sets.shared(0, 1)).toBe(1);
    expect(sets.shared(0, 2)).toBe(0);
    expect(sets.shared(3, 3)).toBe(2);
  });

  it('equals compatibilityScore on random profiles with few distinct interests', () => {
    fc.assert(
      fc.property(profilesOf(12, { minLength: 1, maxLength: 12 }), expectSameScoresAsTheFormula),
      { numRuns: 300 },
    );
  });

  it('equals compatibilityScore when interests are too many to all be bits', () => {
    fc.assert(
      fc.property(profilesOf(600, { minLength: 30, maxLength: 60 }), expectSameScoresAsTheFormula),
      // No shrinking: a failing case of 60 profiles would take minutes to shrink.
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('rounds exact halves up, as compatibilityScore does', () => {
    const sixteenHours = Array.from({ length: 16 }, (_, index) => index);
    expectSameScoresAsTheFormula([
      { interests: ['a', 'b'], goals: ['sleep', 'stress'], utcHours: sixteenHours },
      {
        interests: ['b', 'c'],
        goals: ['sleep', 'stress', 'anxiety'],
        utcHours: sixteenHours.map((hour) => hour + 7),
      },
    ]);
    const masks = new CompatibilityMasks([
      { interests: ['a', 'b'], goals: ['sleep', 'stress'], utcHours: sixteenHours },
      {
        interests: ['b', 'c'],
        goals: ['sleep', 'stress', 'anxiety'],
        utcHours: sixteenHours.map((hour) => hour + 7),
      },
    ]);
    expect(masks.score(0, 1)).toBe(0.4688);
  });
});
