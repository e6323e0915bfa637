import type { FieldError } from '../common/problem/problem.js';
import type { AssessmentDefinition, ScoreBand } from './assessment-definition.js';

export interface ScoredResponse {
  totalScore: number;
  categoryScores: Record<string, number>;
  band: ScoreBand;
  /** Whether the answers call for crisis resources (a flagged item, or a crisis band). */
  crisis: boolean;
}

export type ScoringResult =
  { ok: true; score: ScoredResponse } | { ok: false; errors: FieldError[] };

/**
 * Checks `answers` (question id -> chosen value) against the definition and scores them.
 * Every question must be answered, with one of its option values, and nothing else.
 */
export function scoreResponse(
  definition: AssessmentDefinition,
  answers: Record<string, unknown>,
): ScoringResult {
  const errors: FieldError[] = [];
  const known = new Set(definition.questions.map((question) => question.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id))
      errors.push({ field: `answers.${id}`, reason: 'is not a question of this assessment' });
  }
  let sum = 0;
  let crisis = false;
  const categoryScores: Record<string, number> = {};
  for (const question of definition.questions) {
    const answer = answers[question.id];
    const values = question.options.map((option) => option.value);
    if (answer === undefined) {
      errors.push({ field: `answers.${question.id}`, reason: 'is missing' });
      continue;
    }
    if (typeof answer !== 'number' || !values.includes(answer)) {
      errors.push({
        field: `answers.${question.id}`,
        reason: `must be one of ${values.join(', ')}`,
      });
      continue;
    }
    const points = question.reverse ? Math.max(...values) + Math.min(...values) - answer : answer;
    sum += points;
    if (question.category)
      categoryScores[question.category] = (categoryScores[question.category] ?? 0) + points;
    if (question.crisisAbove !== undefined && answer > question.crisisAbove) crisis = true;
  }
  if (errors.length > 0) return { ok: false, errors };
  const totalScore = sum * (definition.scoring.multiplier ?? 1);
  const band = bandOf(definition, totalScore);
  return {
    ok: true,
    score: { totalScore, categoryScores, band, crisis: crisis || Boolean(band.crisis) },
  };
}

export function bandOf(definition: AssessmentDefinition, total: number): ScoreBand {
  const band = definition.scoring.bands.find(
    (candidate) => total >= candidate.min && total <= candidate.max,
  );
  if (!band) throw new Error(`No band covers the total ${total}.`);
  return band;
}

/** Problems with a custom definition: ids unique, options present, bands covering every total. */
export function definitionProblems(definition: AssessmentDefinition): string[] {
  const problems: string[] = [];
  const ids = definition.questions.map((question) => question.id);
  if (new Set(ids).size !== ids.length) problems.push('question ids must be unique');
  let min = 0;
  let max = 0;
  for (const question of definition.questions) {
    const values = question.options.map((option) => option.value);
    if (new Set(values).size !== values.length)
      problems.push(`question ${question.id}: option values must be unique`);
    min += Math.min(...values);
    max += Math.max(...values);
  }
  const multiplier = definition.scoring.multiplier ?? 1;
  for (let total = min * multiplier; total <= max * multiplier; total += multiplier) {
    const covering = definition.scoring.bands.filter(
      (band) => total >= band.min && total <= band.max,
    );
    if (covering.length !== 1) {
      problems.push(`scoring.bands must cover the total ${total} exactly once`);
      break;
    }
  }
  return problems;
}
