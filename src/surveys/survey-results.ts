import { suppressGroups } from './group-suppression.js';
import type { QuestionType, SurveyQuestion } from './survey-questions.js';

/** What SQL counts per department: responses, those with a wellness score, and their sum. */
export interface DepartmentTally {
  department: string | null;
  responseCount: number;
  scoredCount: number;
  wellnessSum: number;
}

/** What SQL computes per question over the whole survey. */
export interface QuestionTally {
  questionId: string;
  count: number;
  /** likert and scale only. */
  mean: number | null;
  /** likert, scale and single_choice: answer -> how many gave it. */
  distribution: Record<string, number> | null;
}

/** Members of the frozen audience per department (as at opening), and how many took part. */
export interface ParticipationTally {
  department: string | null;
  eligible: number;
  responded: number;
}

export type Participation =
  { eligible: number; responded: number; rate: number | null } | { suppressed: string };

export interface QuestionResult {
  id: string;
  type: QuestionType;
  count?: number;
  mean?: number;
  distribution?: Record<string, number>;
  suppressed?: string;
}

export interface DepartmentResult {
  /** null: people with no department recorded; "Other" with `merged`: small ones together. */
  department: string | null;
  merged: boolean;
  responseCount: number;
  wellnessMean: number | null;
  participation: Participation;
}

export interface SurveyFigures {
  responseCount: number;
  /** Why no figures beyond the count are shown; absent when they are. */
  suppressed?: string;
  wellnessMean: number | null;
  participation: Participation;
  questions: QuestionResult[];
  departments: DepartmentResult[];
}

export const OTHER_DEPARTMENTS = 'Other';

export const reasons = {
  notClosed:
    'Figures are shown once the survey is closed: while answers still arrive, comparing two readings would single out the newest ones.',
  tooFewResponses: (min: number) =>
    `Fewer than ${min} responses: figures of so few people could point to a person.`,
  tooFewAnswers: (min: number) => `Fewer than ${min} answers to this question.`,
  tooFewMembers: (min: number) => `Fewer than ${min} members in this group.`,
};

/** The longest reason figures are withheld for (a threshold is at most an int4). */
export const REASON_MAX_LENGTH = Math.max(
  reasons.notClosed.length,
  ...[reasons.tooFewResponses, reasons.tooFewAnswers, reasons.tooFewMembers].map(
    (reason) => reason(2_147_483_647).length,
  ),
);

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * The figures of a survey's results from its SQL tallies, under the privacy threshold: nothing
 * but the response count while the survey is open or below `minGroupSize` responses; questions
 * answered by fewer than `minGroupSize` hidden; departments shown only when that leaves no small
 * department derivable (see `suppressGroups`), the rest merged as "Other"; a group's wellness
 * mean under the same rule over the responses that have a score. Departments carry no
 * per-question figures: those of different questions are linked through the wellness score,
 * and hiding cells question by question could not keep a small group out of reach.
 */
/**
 * The free-text questions whose answers may be listed: those answered at least
 * `commentsMinGroupSize` times (one comment under a count of its own could be recognised).
 */
export function listedFreeText(
  questions: SurveyQuestion[],
  tallies: QuestionTally[],
  commentsMinGroupSize: number,
): string[] {
  const counts = new Map(tallies.map((tally) => [tally.questionId, tally.count]));
  return questions
    .filter((question) => question.type === 'free_text')
    .filter((question) => (counts.get(question.id) ?? 0) >= commentsMinGroupSize)
    .map((question) => question.id);
}

export function buildSurveyFigures(input: {
  status: string;
  minGroupSize: number;
  questions: SurveyQuestion[];
  departments: DepartmentTally[];
  questionTallies: QuestionTally[];
  participation: ParticipationTally[];
}): SurveyFigures {
  const min = input.minGroupSize;
  const responseCount = sum(input.departments, (group) => group.responseCount);
  const participation = participationOf(input.participation, min);
  const withheld =
    input.status !== 'closed'
      ? reasons.notClosed
      : responseCount < min
        ? reasons.tooFewResponses(min)
        : undefined;
  if (withheld) {
    return {
      responseCount,
      suppressed: withheld,
      wellnessMean: null,
      participation,
      questions: input.questions.map(({ id, type }) => ({ id, type, suppressed: withheld })),
      departments: [],
    };
  }
  const tallies = new Map(input.questionTallies.map((tally) => [tally.questionId, tally]));
  return {
    responseCount,
    wellnessMean: wellnessMeanOf(input.departments, min),
    participation,
    questions: input.questions.map((question) => questionResult(question, tallies, min)),
    departments: departmentResults(input.departments, input.participation, min),
  };
}

function questionResult(
  question: SurveyQuestion,
  tallies: Map<string, QuestionTally>,
  min: number,
): QuestionResult {
  const tally = tallies.get(question.id);
  const count = tally?.count ?? 0;
  if (count < min)
    return { id: question.id, type: question.type, suppressed: reasons.tooFewAnswers(min) };
  return {
    id: question.id,
    type: question.type,
    count,
    ...(tally?.mean !== null && tally?.mean !== undefined ? { mean: round(tally.mean, 2) } : {}),
    ...(tally?.distribution && question.type !== 'free_text'
      ? { distribution: tally.distribution }
      : {}),
  };
}

interface Unit extends DepartmentTally {
  merged: boolean;
}

function departmentResults(
  tallies: DepartmentTally[],
  participation: ParticipationTally[],
  min: number,
): DepartmentResult[] {
  const split = suppressGroups(
    tallies.map((tally) => ({ ...tally, count: tally.responseCount })),
    min,
  );
  const units: Unit[] = split.shown.map((tally) => ({ ...tally, merged: false }));
  if (split.hiddenCount > 0) {
    units.push({
      department: OTHER_DEPARTMENTS,
      merged: true,
      responseCount: split.hiddenCount,
      scoredCount: sum(split.hidden, (tally) => tally.scoredCount),
      wellnessSum: sum(split.hidden, (tally) => tally.wellnessSum),
    });
  }
  // The wellness mean of a unit stands on its scored responses only, which can be fewer.
  const scored = suppressGroups(
    units.map((unit) => ({ unit, count: unit.scoredCount })),
    min,
  );
  const withMean = new Set(scored.shown.map(({ unit }) => unit));
  const shownDepartments = new Set(split.shown.map((tally) => tally.department));
  const everyone = totalsOf(participation);
  const shownParticipation = participation.filter((row) => shownDepartments.has(row.department));
  return units.map((unit) => {
    const members = unit.merged
      ? {
          // Everyone not in a department shown: derivable anyway, and at least as big.
          eligible: everyone.eligible - sum(shownParticipation, (row) => row.eligible),
          responded: everyone.responded - sum(shownParticipation, (row) => row.responded),
        }
      : totalsOf(participation.filter((row) => row.department === unit.department));
    return {
      department: unit.department,
      merged: unit.merged,
      responseCount: unit.responseCount,
      wellnessMean: withMean.has(unit) ? round(unit.wellnessSum / unit.scoredCount, 1) : null,
      participation: { ...members, rate: rateOf(members.responded, members.eligible) },
    };
  });
}

function wellnessMeanOf(tallies: DepartmentTally[], min: number): number | null {
  const scoredCount = sum(tallies, (tally) => tally.scoredCount);
  if (scoredCount < min) return null;
  return round(sum(tallies, (tally) => tally.wellnessSum) / scoredCount, 1);
}

function participationOf(rows: ParticipationTally[], min: number): Participation {
  const { eligible, responded } = totalsOf(rows);
  if (eligible < min) return { suppressed: reasons.tooFewMembers(min) };
  return { eligible, responded, rate: rateOf(responded, eligible) };
}

const totalsOf = (rows: ParticipationTally[]) => ({
  eligible: sum(rows, (row) => row.eligible),
  responded: sum(rows, (row) => row.responded),
});

const rateOf = (responded: number, eligible: number) =>
  eligible > 0 ? round(responded / eligible, 3) : null;

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
