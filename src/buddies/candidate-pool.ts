import { BestCandidateLists, type RankedCandidate } from './best-candidates.js';
import type { BuddyTraits } from './compatibility.js';
import { CompatibilityMasks } from './compatibility-masks.js';

/** The longest candidate list a person keeps. */
export const CANDIDATES_PER_PERSON = 50;
/** Timezones further apart than this must share an interest to be considered at all. */
export const NEARBY_OFFSET_MINUTES = 180;

export interface PoolProfile extends BuddyTraits {
  userId: string;
  utcOffsetMinutes: number;
}

/**
 * Every opted-in person, scored against each other in memory. A pair is eligible when the two
 * are different people, share an interest or live within three hours of each other, and are
 * neither blocked nor in a pending or active match (`excludedPairs`, either way round).
 * Candidates are blocked first: a person is scored only against the people listed under one of
 * their interests and those in their band of UTC offsets, never against everyone. Profiles come
 * in user id order: a tie in score goes to the lower index, the lower user id.
 */
export class CandidatePool {
  private readonly masks: CompatibilityMasks;
  private readonly offsets: Int32Array;
  private readonly excluded: Array<Set<number> | undefined>;
  private readonly indexes: Map<string, number>;
  /** Per interest, the indexes of the people who have it, ascending. */
  private readonly byInterest = new Map<string, number[]>();
  /** Indexes ordered by UTC offset, and those offsets, for the band around a person. */
  private readonly byOffset: Int32Array;
  private readonly sortedOffsets: Int32Array;
  /** Who is already in the block being gathered: marked with the gathering's number. */
  private readonly gathered: Int32Array;
  private gathering = 0;

  constructor(
    readonly profiles: readonly PoolProfile[],
    excludedPairs: ReadonlyArray<readonly [string, string]>,
  ) {
    this.masks = new CompatibilityMasks(profiles);
    this.offsets = Int32Array.from(profiles, (profile) => profile.utcOffsetMinutes);
    profiles.forEach((profile, index) => {
      for (const interest of new Set(profile.interests)) {
        const holders = this.byInterest.get(interest);
        if (holders) holders.push(index);
        else this.byInterest.set(interest, [index]);
      }
    });
    this.byOffset = Int32Array.from(profiles.keys()).sort(
      (a, b) => this.offsets[a] - this.offsets[b] || a - b,
    );
    this.sortedOffsets = this.byOffset.map((index) => this.offsets[index]);
    this.gathered = new Int32Array(profiles.length);
    this.indexes = new Map(profiles.map((profile, index) => [profile.userId, index]));
    this.excluded = new Array<Set<number> | undefined>(profiles.length);
    for (const [one, other] of excludedPairs) {
      const a = this.indexes.get(one);
      const b = this.indexes.get(other);
      if (a === undefined || b === undefined) continue;
      (this.excluded[a] ??= new Set()).add(b);
      (this.excluded[b] ??= new Set()).add(a);
    }
  }

  indexOf(userId: string): number | undefined {
    return this.indexes.get(userId);
  }

  /** The score of `a` and `b`, or -1 when they are not eligible. */
  private eligibleScore(a: number, b: number): number {
    const sharedInterests = this.masks.sharedInterests(a, b);
    if (
      sharedInterests === 0 &&
      Math.abs(this.offsets[a] - this.offsets[b]) > NEARBY_OFFSET_MINUTES
    )
      return -1;
    if (a === b || this.excluded[a]?.has(b)) return -1;
    return this.masks.score(a, b, sharedInterests);
  }

  /** Everyone's best candidates; each pair is scored once, for both lists. */
  bestOfEveryone(capacity = CANDIDATES_PER_PERSON): BestCandidateLists {
    const lists = new BestCandidateLists(this.profiles.length, capacity);
    this.rankPairsFrom(lists, 0, this.profiles.length);
    return lists;
  }

  /**
   * Offers every eligible pair (a, b) with `from` <= a < `to` and b > a to both lists. Called
   * for owners 0, 1, ... in turn, the lists of owners before `to` are then final: a pass can
   * write them while it scores the next owners.
   */
  rankPairsFrom(lists: BestCandidateLists, from: number, to: number): void {
    for (let a = from; a < to; a++) {
      for (const b of this.blockOf(a, a)) {
        const score = this.eligibleScore(a, b);
        if (score < 0) continue;
        lists.offer(a, b, score);
        lists.offer(b, a, score);
      }
    }
  }

  /** Who `index` is compared with at all (their blocks), in index order. */
  candidatesOf(index: number): number[] {
    return this.blockOf(index, -1)
      .filter((candidate) => candidate !== index)
      .sort((a, b) => a - b);
  }

  /** Every eligible candidate of one person with their score, in index order. */
  eligibleFor(index: number): RankedCandidate[] {
    const eligible: RankedCandidate[] = [];
    for (const candidate of this.candidatesOf(index)) {
      const score = this.eligibleScore(index, candidate);
      if (score >= 0) eligible.push({ candidate, score });
    }
    return eligible;
  }

  /**
   * The people after index `after` who share an interest with `a` or whose UTC offset is within
   * NEARBY_OFFSET_MINUTES of theirs, each once, in no particular order: the only people `a` is
   * scored against.
   */
  private blockOf(a: number, after: number): number[] {
    const mark = ++this.gathering;
    const block: number[] = [];
    const add = (b: number) => {
      if (b > after && this.gathered[b] !== mark) {
        this.gathered[b] = mark;
        block.push(b);
      }
    };
    for (const interest of new Set(this.profiles[a].interests)) {
      const holders = this.byInterest.get(interest)!;
      for (let k = firstAbove(holders, after); k < holders.length; k++) add(holders[k]);
    }
    const offset = this.offsets[a];
    const end = firstAbove(this.sortedOffsets, offset + NEARBY_OFFSET_MINUTES);
    for (let k = firstAbove(this.sortedOffsets, offset - NEARBY_OFFSET_MINUTES - 1); k < end; k++)
      add(this.byOffset[k]);
    return block;
  }
}

/** The position of the first value above `value` in ascending `values` (binary search). */
function firstAbove(values: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The `capacity` best of `eligible`, best first (ties to the lower index). */
export function bestOf(
  eligible: readonly RankedCandidate[],
  capacity = CANDIDATES_PER_PERSON,
): RankedCandidate[] {
  const list = new BestCandidateLists(1, capacity);
  for (const { candidate, score } of eligible) list.offer(0, candidate, score);
  return list.listOf(0);
}
