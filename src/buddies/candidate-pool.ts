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
 * Profiles come in user id order: a tie in score goes to the lower index, the lower user id.
 */
export class CandidatePool {
  private readonly masks: CompatibilityMasks;
  private readonly offsets: Int32Array;
  private readonly excluded: Array<Set<number> | undefined>;
  private readonly indexes: Map<string, number>;

  constructor(
    readonly profiles: readonly PoolProfile[],
    excludedPairs: ReadonlyArray<readonly [string, string]>,
  ) {
    this.masks = new CompatibilityMasks(profiles);
    this.offsets = Int32Array.from(profiles, (profile) => profile.utcOffsetMinutes);
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
    const count = this.profiles.length;
    for (let a = from; a < to; a++) {
      for (let b = a + 1; b < count; b++) {
        const score = this.eligibleScore(a, b);
        if (score < 0) continue;
        lists.offer(a, b, score);
        lists.offer(b, a, score);
      }
    }
  }

  /** Every eligible candidate of one person with their score, in index order. */
  eligibleFor(index: number): RankedCandidate[] {
    const eligible: RankedCandidate[] = [];
    for (let candidate = 0; candidate < this.profiles.length; candidate++) {
      const score = this.eligibleScore(index, candidate);
      if (score >= 0) eligible.push({ candidate, score });
    }
    return eligible;
  }
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
