/** Mood entries younger than this count towards the score and towards "active". */
export const MOOD_WINDOW_DAYS = 30;
/**
 * A closed survey counts for this long after it closed. An open one does not count: its
 * responses would move the score one by one, and each move would tell a response's value.
 */
export const SURVEY_RECENCY_DAYS = 90;
export const MOOD_WEIGHT = 0.6;
export const SURVEY_WEIGHT = 0.4;

export interface OrgWellnessInput {
  /** The privacy threshold: the organisation's `settings.minGroupSize` (see minGroupSizeOf in src/orgs/org-settings.ts). */
  minGroupSize: number;
  /** For each active member, the mood scores (1..10) they logged in the window; [] if none. */
  memberMoods: ReadonlyArray<ReadonlyArray<number>>;
  /** The wellness scores (0..100) of the responses to the survey that counts; null if none. */
  surveyScores: ReadonlyArray<number> | null;
}

export interface OrgWellness {
  /** Members who logged a mood in the window. */
  activeMembers: number;
  moodScore: number | null;
  surveyScore: number | null;
  wellnessScore: number | null;
}

/**
 * The organisation wellness score, 0..100, one decimal.
 *
 * - Mood component: for each active member (membership not ended) with at least one mood entry
 *   in the last 30 days, that member's mean mood_score in the window mapped from 1..10 to
 *   0..100, `(mean - 1) / 9 * 100`; the component is the mean of those, so each person counts
 *   once however often they log. It exists only when at least `minGroupSize` members logged.
 * - Survey component: the mean wellness_score of the responses to the organisation's most
 *   recently closed survey, if it closed in the last 90 days (an open survey never counts);
 *   only that survey, and only when at least `minGroupSize` of its responses carry a score.
 * - Score: `0.6 * mood + 0.4 * survey` when both exist, else whichever exists, else null.
 *
 * `minGroupSize` is `settings.minGroupSize` (default 5, never below 3). The components and the
 * score are each rounded to one decimal at the end (the score from the unrounded components).
 * OrgWellnessScoresRepository.computeStats is the same formula in SQL; keep the two in step.
 */
export function computeOrgWellness(input: OrgWellnessInput): OrgWellness {
  const personMeans = input.memberMoods.filter((scores) => scores.length > 0).map(mean);
  const mood =
    personMeans.length >= input.minGroupSize
      ? mean(personMeans.map((personMean) => ((personMean - 1) / 9) * 100))
      : null;
  const survey =
    input.surveyScores && input.surveyScores.length >= input.minGroupSize
      ? mean(input.surveyScores)
      : null;
  return {
    activeMembers: personMeans.length,
    moodScore: roundScore(mood),
    surveyScore: roundScore(survey),
    wellnessScore: roundScore(blend(mood, survey)),
  };
}

function blend(mood: number | null, survey: number | null): number | null {
  if (mood !== null && survey !== null) return MOOD_WEIGHT * mood + SURVEY_WEIGHT * survey;
  return mood ?? survey;
}

/**
 * One decimal, halves up. The value is first cut to 6 decimals so that binary floating point
 * (here) and exact numeric arithmetic (in SQL, which does the same) round a half the same way.
 */
export function roundScore(value: number | null): number | null {
  if (value === null) return null;
  return Math.round(Number((value * 10).toFixed(6))) / 10;
}

function mean(values: ReadonlyArray<number>): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
