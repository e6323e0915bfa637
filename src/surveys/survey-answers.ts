import type { FieldError } from '../common/problem/problem.js';
import { ANSWER_RANGES, MAX_FREE_TEXT_LENGTH, type SurveyQuestion } from './survey-questions.js';

/** Question id -> answer: a number for likert and scale, the chosen option or the text. */
export type Answers = Record<string, number | string>;

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; errors: FieldError[] };

/**
 * Checks answers against the survey's questions: every required question answered, each answer
 * of its question's kind, and no answer to a question the survey does not have. An absent or
 * null answer to an optional question means "skipped". Paths are `answers.<question id>`.
 */
export function checkAnswers(
  questions: SurveyQuestion[],
  given: Record<string, unknown>,
): AnswerCheck {
  const errors: FieldError[] = [];
  const known = new Set(questions.map((question) => question.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id))
      errors.push({ field: `answers.${id}`, reason: 'is not a question of this survey' });
  }
  const answers: Answers = {};
  for (const question of questions) {
    const field = `answers.${question.id}`;
    const value = Object.hasOwn(given, question.id) ? given[question.id] : undefined;
    if (value === undefined || value === null) {
      if (question.required) errors.push({ field, reason: 'is required' });
      continue;
    }
    const reason = answerProblem(question, value);
    if (reason) errors.push({ field, reason });
    else answers[question.id] = value as number | string;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

function answerProblem(question: SurveyQuestion, value: unknown): string | undefined {
  switch (question.type) {
    case 'likert':
    case 'scale': {
      const { min, max } = ANSWER_RANGES[question.type];
      return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
        ? undefined
        : `must be a whole number from ${min} to ${max}`;
    }
    case 'single_choice':
      return typeof value === 'string' && (question.options ?? []).includes(value)
        ? undefined
        : `must be one of the options: ${(question.options ?? []).map((option) => JSON.stringify(option)).join(', ')}`;
    case 'free_text': {
      const maxLength = question.maxLength ?? MAX_FREE_TEXT_LENGTH;
      return typeof value === 'string' && value.length >= 1 && value.length <= maxLength
        ? undefined
        : `must be text of 1 to ${maxLength} characters`;
    }
  }
}
