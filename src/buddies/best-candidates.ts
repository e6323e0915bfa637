export interface RankedCandidate {
  candidate: number;
  score: number;
}

/**
 * Whether (score, candidate) ranks above (otherScore, otherCandidate): higher score first, then
 * lower candidate index. Indexes follow user ids, so ties go to the lower user id.
 */
function ranksAbove(score: number, candidate: number, otherScore: number, otherCandidate: number) {
  return score > otherScore || (score === otherScore && candidate < otherCandidate);
}

/**
 * The `capacity` best candidates of each of `owners` people (by index), kept sorted while pairs
 * are offered in any order. Memory is owners x capacity whatever the number of pairs offered.
 */
export class BestCandidateLists {
  private readonly scores: Float64Array;
  private readonly candidates: Int32Array;
  private readonly lengths: Int32Array;

  constructor(
    owners: number,
    readonly capacity: number,
  ) {
    this.scores = new Float64Array(owners * capacity);
    this.candidates = new Int32Array(owners * capacity);
    this.lengths = new Int32Array(owners);
  }

  offer(owner: number, candidate: number, score: number): void {
    const start = owner * this.capacity;
    let length = this.lengths[owner];
    if (length === this.capacity) {
      const last = start + length - 1;
      if (!ranksAbove(score, candidate, this.scores[last], this.candidates[last])) return;
      length--;
    }
    // Insertion into a sorted run: most offers end at the check above once a list is full.
    let at = start + length;
    while (
      at > start &&
      ranksAbove(score, candidate, this.scores[at - 1], this.candidates[at - 1])
    ) {
      this.scores[at] = this.scores[at - 1];
      this.candidates[at] = this.candidates[at - 1];
      at--;
    }
    this.scores[at] = score;
    this.candidates[at] = candidate;
    this.lengths[owner] = length + 1;
  }

  /** The owner's list, best first. */
  listOf(owner: number): RankedCandidate[] {
    const start = owner * this.capacity;
    return Array.from({ length: this.lengths[owner] }, (_, rank) => ({
      candidate: this.candidates[start + rank],
      score: this.scores[start + rank],
    }));
  }
}
