import fc from 'fast-check';
import { compatibilityScore } from './compatibility.js';
import { bestOf, CandidatePool, type PoolProfile } from './candidate-pool.js';

const person = (userId: string, traits: Partial<PoolProfile> = {}): PoolProfile => ({
  userId,
  interests: [],
  goals: [],
  utcHours: [9],
  utcOffsetMinutes: 0,
  ...traits,
});

const arbitraryPool = fc
  .array(
    fc.record({
      interests: fc.array(fc.constantFrom('chess', 'yoga', 'jazz', 'rowing', 'opera'), {
        maxLength: 3,
      }),
      goals: fc.array(fc.constantFrom('sleep', 'stress'), { maxLength: 2 }),
      utcHours: fc.array(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
      utcOffsetMinutes: fc.constantFrom(-480, -300, 0, 60, 120, 330, 540),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .chain((traits) =>
    fc.record({
      profiles: fc.constant(
        traits.map((trait, index) => ({ ...trait, userId: `u${String(index).padStart(3, '0')}` })),
      ),
      excluded: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: traits.length - 1 }),
          fc.integer({ min: 0, max: traits.length - 1 }),
        ),
        { maxLength: 5 },
      ),
    }),
  );

/** The rule written out plainly, pair by pair. */
function expectedListOf(
  profiles: PoolProfile[],
  owner: number,
  excluded: Set<string>,
  size: number,
) {
  const me = profiles[owner];
  return profiles
    .map((other, candidate) => ({ other, candidate }))
    .filter(
      ({ other, candidate }) =>
        candidate !== owner &&
        !excluded.has(`${owner}:${candidate}`) &&
        !excluded.has(`${candidate}:${owner}`) &&
        (other.interests.some((interest) => me.interests.includes(interest)) ||
          Math.abs(other.utcOffsetMinutes - me.utcOffsetMinutes) <= 180),
    )
    .map(({ other, candidate }) => ({ candidate, score: compatibilityScore(me, other) }))
    .sort((a, b) => b.score - a.score || a.candidate - b.candidate)
    .slice(0, size);
}

describe('candidate pool', () => {
  it('admits a shared interest at any distance, or anyone within three hours, never oneself', () => {
    const pool = new CandidatePool(
      [
        person('a', { interests: ['chess'], utcOffsetMinutes: 0 }),
        person('b', { interests: ['chess'], utcOffsetMinutes: 600 }),
        person('c', { interests: ['yoga'], utcOffsetMinutes: 180 }),
        person('d', { interests: ['yoga'], utcOffsetMinutes: 181 }),
      ],
      [],
    );
    expect(pool.eligibleFor(0).map(({ candidate }) => candidate)).toEqual([1, 2]);
    expect(pool.eligibleFor(3).map(({ candidate }) => candidate)).toEqual([2]);
  });

  it('compares a person only with those sharing an interest or an offset band, not everyone', () => {
    const zones = [-480, -300, 0, 60, 330, 600];
    const profiles = Array.from({ length: 60 }, (_, index) =>
      person(`p${String(index).padStart(2, '0')}`, {
        interests: [`hobby-${index % 10}`],
        utcOffsetMinutes: zones[index % zones.length],
      }),
    );
    const pool = new CandidatePool(profiles, []);
    profiles.forEach((me, index) => {
      const expected = profiles
        .map((other, candidate) => ({ other, candidate }))
        .filter(
          ({ other, candidate }) =>
            candidate !== index &&
            (other.interests[0] === me.interests[0] ||
              Math.abs(other.utcOffsetMinutes - me.utcOffsetMinutes) <= 180),
        )
        .map(({ candidate }) => candidate);
      expect(pool.candidatesOf(index)).toEqual(expected);
    });
    // Someone in UTC-8 with hobby-0 is never compared with someone of hobby-2 in UTC+5:30.
    expect(profiles[22]).toMatchObject({ interests: ['hobby-2'], utcOffsetMinutes: 330 });
    expect(pool.candidatesOf(0)).not.toContain(22);
    expect(pool.candidatesOf(0).length).toBeLessThan(profiles.length / 2);
  });

  it('leaves out excluded pairs both ways, and ignores pairs of people not in the pool', () => {
    const pool = new CandidatePool(
      [person('a'), person('b'), person('c')],
      [
        ['b', 'a'],
        ['a', 'gone'],
      ],
    );
    expect(pool.eligibleFor(0).map(({ candidate }) => candidate)).toEqual([2]);
    expect(pool.eligibleFor(1).map(({ candidate }) => candidate)).toEqual([2]);
    expect(pool.indexOf('gone')).toBeUndefined();
  });

  it('ranks everyone’s list as the rule written pair by pair does, for all and for one', () => {
    fc.assert(
      fc.property(arbitraryPool, fc.integer({ min: 1, max: 8 }), ({ profiles, excluded }, size) => {
        const pool = new CandidatePool(
          profiles,
          excluded.map(([a, b]) => [profiles[a].userId, profiles[b].userId] as [string, string]),
        );
        const lists = pool.bestOfEveryone(size);
        const excludedKeys = new Set(excluded.map(([a, b]) => `${a}:${b}`));
        profiles.forEach((_, owner) => {
          const expected = expectedListOf(profiles, owner, excludedKeys, size);
          expect(lists.listOf(owner)).toEqual(expected);
          expect(bestOf(pool.eligibleFor(owner), size)).toEqual(expected);
        });
      }),
      { numRuns: 200 },
    );
  });
});
