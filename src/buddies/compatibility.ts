/** What two people's compatibility is computed from: their buddy profiles, hours in UTC. */
export interface BuddyTraits {
  interests: readonly string[];
  goals: readonly string[];
  utcHours: readonly number[];
}

/** A ratio kept as integers, so the weighted sum can be rounded exactly. */
export interface Ratio {
  shared: number;
  of: number;
}

/** Weights in tenths: interests 0.5, hours 0.3, goals 0.2. */
const INTEREST_WEIGHT = 5;
const HOURS_WEIGHT = 3;
const GOALS_WEIGHT = 2;

/** Jaccard index |A∩B| / |A∪B|; 0 (as 0/1) when both are empty. */
export function jaccard(a: readonly unknown[], b: readonly unknown[]): Ratio {
  const left = new Set(a);
  const right = new Set(b);
  const shared = [...left].filter((item) => right.has(item)).length;
  const union = left.size + right.size - shared;
  return union === 0 ? { shared: 0, of: 1 } : { shared, of: union };
}

/**
 * How much the smaller set of preferred UTC hours falls inside the other: |Ua∩Ub| / min(|Ua|,|Ub|).
 * Someone free only 9-10 matches fully with someone free all day.
 */
export function hourOverlap(a: readonly number[], b: readonly number[]): Ratio {
  const left = new Set(a);
  const right = new Set(b);
  const shared = [...left].filter((hour) => right.has(hour)).length;
  const fewer = Math.min(left.size, right.size);
  return fewer === 0 ? { shared: 0, of: 1 } : { shared, of: fewer };
}

/**
 * Compatibility of two buddy profiles, 0..1:
 *
 *     score = 0.5 * J(interests) + 0.3 * H + 0.2 * J(goals)
 *
 * - J(X) is the Jaccard index of the two people's sets, |A∩B| / |A∪B| (0 when both are empty);
 * - H is the overlap of their preferred hours converted to UTC, |Ua∩Ub| / min(|Ua|, |Ub|);
 * - the score is rounded half up to 4 decimals.
 *
 * The candidate passes score millions of pairs from bit masks (`CompatibilityMasks` in
 * compatibility-masks.ts) instead of calling this function, but both end in
 * `scoreFromCounts`, so stored scores equal this function's value.
 */
export function compatibilityScore(a: BuddyTraits, b: BuddyTraits): number {
  const interests = jaccard(a.interests, b.interests);
  const hours = hourOverlap(a.utcHours, b.utcHours);
  const goals = jaccard(a.goals, b.goals);
  return scoreFromCounts(
    interests.shared,
    interests.of,
    hours.shared,
    hours.of,
    goals.shared,
    goals.of,
  );
}

/**
 * The weighted sum of the three ratios (each given as shared / of, `of` at least 1) as one
 * fraction of integers, so that a score ending exactly on a half at the fifth decimal rounds up
 * where summing floating-point terms would land just below it.
 */
export function scoreFromCounts(
  sharedInterests: number,
  allInterests: number,
  sharedHours: number,
  fewerHours: number,
  sharedGoals: number,
  allGoals: number,
): number {
  const numerator =
    INTEREST_WEIGHT * sharedInterests * fewerHours * allGoals +
    HOURS_WEIGHT * sharedHours * allInterests * allGoals +
    GOALS_WEIGHT * sharedGoals * allInterests * fewerHours;
  const denominator = 10 * allInterests * fewerHours * allGoals;
  // round(n / d * 10^4) half up, in integers: floor((2 * n * 10^4 + d) / (2 * d)).
  return Math.floor((2 * numerator * 10_000 + denominator) / (2 * denominator)) / 10_000;
}
