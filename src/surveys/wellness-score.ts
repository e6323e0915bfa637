import type { Answers } from './survey-answers.js';
import { ANSWER_RANGES, type SurveyQuestion } from './survey-questions.js';

/**
 * The wellness score of one survey response: 0 (worst) to 100 (best), or null when the person
 * answered none of the questions that feed it.
 *
 * Only likert and scale questions carrying `wellness: { direction, weight }` count, and only
 * those answered (a skipped optional question is left out, not counted as zero):
 *
 *     x = (v - 1) / 4         a likert answer v in 1..5
 *     x = v / 10              a scale answer v in 0..10
 *     x = 1 - x               when the direction is "negative" (agreeing means worse)
 *     score = round(100 * sum(weight * x) / sum(weight), 1 decimal)
 *
 * A weighted mean, so a weight says how much a question counts relative to the others; when
 * every answered scored question has weight 0 the score is null.
 */
export function computeWellnessScore(questions: SurveyQuestion[], answers: Answers): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const question of questions) {
    const answer = answers[question.id];
    if (!question.wellness || typeof answer !== 'number') continue;
    if (question.type !== 'likert' && question.type !== 'scale') continue;
    const { min, max } = ANSWER_RANGES[question.type];
    const normalised = (answer - min) / (max - min);
    const oriented = question.wellness.direction === 'negative' ? 1 - normalised : normalised;
    weighted += question.wellness.weight * oriented;
    totalWeight += question.wellness.weight;
  }
  if (totalWeight === 0) return null;
  return Math.round((1000 * weighted) / totalWeight) / 10;
}
