import { type BuddyTraits, scoreFromCounts } from './compatibility.js';

/**
 * The most frequent values of a set kind get a bit each, up to this many 32-bit words; rarer
 * values are kept as sorted ids. Interests are free tags: a long tail of them as bits would make
 * every pair pay for words that are almost always zero.
 */
const MAX_MASK_WORDS = 8;

/** Number of set bits of a 32-bit integer. */
export function popcount32(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * One set per person (their interests, goals or UTC hours), indexed like the input, so that the
 * size of any set and of the intersection of any two costs a few machine words.
 */
export class IndexedSets {
  private readonly words: number;
  private readonly masks: Uint32Array;
  private readonly sizes: Int32Array;
  /** Ids past the masked ones: those of set `i` are `rareIds[rareStarts[i]..rareStarts[i + 1]]`. */
  private readonly rareStarts: Int32Array;
  private readonly rareIds: Int32Array;

  constructor(sets: ReadonlyArray<readonly (string | number)[]>) {
    const idOf = idsByFrequency(sets);
    this.words = Math.min(Math.ceil(idOf.size / 32), MAX_MASK_WORDS);
    const maskedIds = this.words * 32;
    this.masks = new Uint32Array(sets.length * this.words);
    this.sizes = new Int32Array(sets.length);
    this.rareStarts = new Int32Array(sets.length + 1);
    const rareIds: number[] = [];
    sets.forEach((values, index) => {
      // Sizes count distinct values: a repeated one finds its bit set or its id listed.
      let size = 0;
      const rare: number[] = [];
      for (const value of values) {
        const id = idOf.get(value)!;
        if (id < maskedIds) {
          const word = index * this.words + (id >>> 5);
          const bit = 1 << (id & 31);
          if ((this.masks[word] & bit) === 0) size++;
          this.masks[word] |= bit;
        } else if (!rare.includes(id)) {
          rare.push(id);
          size++;
        }
      }
      this.sizes[index] = size;
      rareIds.push(...rare.sort((a, b) => a - b));
      this.rareStarts[index + 1] = rareIds.length;
    });
    this.rareIds = Int32Array.from(rareIds);
  }

  size(index: number): number {
    return this.sizes[index];
  }

  /** |A∩B| of sets `a` and `b`. */
  shared(a: number, b: number): number {
    let count = 0;
    const words = this.words;
    for (let word = 0; word < words; word++) {
      count += popcount32(this.masks[a * words + word] & this.masks[b * words + word]);
    }
    if (this.rareIds.length === 0) return count;
    const aEnd = this.rareStarts[a + 1];
    const bEnd = this.rareStarts[b + 1];
    let i = this.rareStarts[a];
    let j = this.rareStarts[b];
    while (i < aEnd && j < bEnd) {
      const left = this.rareIds[i];
      const right = this.rareIds[j];
      if (left === right) count++;
      if (left <= right) i++;
      if (right <= left) j++;
    }
    return count;
  }
}

/**
 * Ids 0, 1, ... for every value, the most frequent first so that they land in the masks (a value
 * repeated within one set counts more often: that only moves it between masks and ids).
 */
function idsByFrequency(sets: ReadonlyArray<readonly (string | number)[]>) {
  const frequency = new Map<string | number, number>();
  for (const set of sets) {
    for (const value of set) frequency.set(value, (frequency.get(value) ?? 0) + 1);
  }
  const byFrequency = [...frequency].sort((a, b) => b[1] - a[1]);
  return new Map(byFrequency.map(([value], id) => [value, id]));
}

/**
 * `compatibilityScore` of any two of a fixed list of profiles, by index, without building sets
 * per pair: what makes scoring every pair of 10,000 people a matter of seconds.
 */
export class CompatibilityMasks {
  private readonly interests: IndexedSets;
  private readonly hours: IndexedSets;
  private readonly goals: IndexedSets;

  constructor(profiles: readonly BuddyTraits[]) {
    this.interests = new IndexedSets(profiles.map((profile) => profile.interests));
    this.hours = new IndexedSets(profiles.map((profile) => profile.utcHours));
    this.goals = new IndexedSets(profiles.map((profile) => profile.goals));
  }

  /** How many interests profiles `a` and `b` share (also part of the eligibility rule). */
  sharedInterests(a: number, b: number): number {
    return this.interests.shared(a, b);
  }

  /** `compatibilityScore(profiles[a], profiles[b])`; pass `sharedInterests` if already known. */
  score(a: number, b: number, sharedInterests = this.interests.shared(a, b)): number {
    const interests = this.interests;
    const hours = this.hours;
    const goals = this.goals;
    const sharedGoals = goals.shared(a, b);
    // Each `of` is at least 1: a ratio over two empty sets is 0 / 1, as in compatibility.ts.
    return scoreFromCounts(
      sharedInterests,
      Math.max(interests.size(a) + interests.size(b) - sharedInterests, 1),
      hours.shared(a, b),
      Math.max(Math.min(hours.size(a), hours.size(b)), 1),
      sharedGoals,
      Math.max(goals.size(a) + goals.size(b) - sharedGoals, 1),
    );
  }
}
