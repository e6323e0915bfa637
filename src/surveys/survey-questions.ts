import type { FieldError } from '../common/problem/problem.js';

export const QUESTION_TYPES = ['likert', 'scale', 'single_choice', 'free_text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const WELLNESS_DIRECTIONS = ['positive', 'negative'] as const;
export type WellnessDirection = (typeof WELLNESS_DIRECTIONS)[number];

/** The answer ranges of the numeric types: likert 1..5 (disagree..agree), scale 0..10. */
export const ANSWER_RANGES = { likert: { min: 1, max: 5 }, scale: { min: 0, max: 10 } } as const;

export const MAX_QUESTIONS = 50;
export const QUESTION_ID_MAX_LENGTH = 40;
export const QUESTION_TEXT_MAX_LENGTH = 500;
export const OPTION_MAX_LENGTH = 200;
export const MAX_FREE_TEXT_LENGTH = 2000;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
/** Lowercase letters and digits, joined by single hyphens or underscores. */
export const QUESTION_ID_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export interface WellnessWeight {
  direction: WellnessDirection;
  weight: number;
}

/** One question as stored in `wellbeing_surveys.questions`. */
export interface SurveyQuestion {
  id: string;
  text: string;
  type: QuestionType;
  required: boolean;
  /** single_choice only. */
  options?: string[];
  /** free_text only: the longest answer accepted (default and at most 2000). */
  maxLength?: number;
  /** likert and scale only: how the answer feeds the response's wellness score. */
  wellness?: WellnessWeight;
}

export const isScoredType = (type: QuestionType) => type === 'likert' || type === 'scale';

/**
 * The rules that span fields of a question or several questions, which the DTO's decorators do
 * not express: ids unique within the survey, options for single_choice only, maxLength for
 * free_text only, wellness weights only on likert and scale questions (the only answers that
 * have a place on a better-worse line). Paths are those of the request body.
 */
export function surveyQuestionProblems(questions: SurveyQuestion[]): FieldError[] {
  const problems: FieldError[] = [];
  if (questions.length < 1 || questions.length > MAX_QUESTIONS) {
    problems.push({ field: 'questions', reason: `must hold 1 to ${MAX_QUESTIONS} questions` });
  }
  const firstIndexOf = new Map<string, number>();
  questions.forEach((question, index) => {
    const at = (field: string) => `questions.${index}.${field}`;
    const earlier = firstIndexOf.get(question.id);
    if (earlier !== undefined) {
      problems.push({
        field: at('id'),
        reason: `"${question.id}" is already the id of questions.${earlier}; ids must be unique within the survey`,
      });
    } else {
      firstIndexOf.set(question.id, index);
    }
    if (!QUESTION_ID_PATTERN.test(question.id)) {
      problems.push({ field: at('id'), reason: 'must be a slug such as "workload-1"' });
    }
    if (question.type === 'single_choice') {
      const options = question.options ?? [];
      if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
        problems.push({
          field: at('options'),
          reason: `a single_choice question needs ${MIN_OPTIONS} to ${MAX_OPTIONS} options`,
        });
      }
      if (new Set(options).size !== options.length) {
        problems.push({ field: at('options'), reason: 'options must be distinct' });
      }
    } else if (question.options !== undefined) {
      problems.push({ field: at('options'), reason: 'only single_choice questions have options' });
    }
    if (question.maxLength !== undefined && question.type !== 'free_text') {
      problems.push({ field: at('maxLength'), reason: 'only free_text questions have maxLength' });
    }
    if (question.wellness && !isScoredType(question.type)) {
      problems.push({
        field: at('wellness'),
        reason: `only likert and scale questions can feed the wellness score, not ${question.type}`,
      });
    }
  });
  return problems;
}

/** The questions as stored: the fields of each type only, in a fixed order. */
export function toStoredQuestions(questions: SurveyQuestion[]): SurveyQuestion[] {
  return questions.map((question) => ({
    id: question.id,
    text: question.text,
    type: question.type,
    required: question.required,
    ...(question.type === 'single_choice' ? { options: [...(question.options ?? [])] } : {}),
    ...(question.type === 'free_text'
      ? { maxLength: question.maxLength ?? MAX_FREE_TEXT_LENGTH }
      : {}),
    ...(question.wellness
      ? { wellness: { direction: question.wellness.direction, weight: question.wellness.weight } }
      : {}),
  }));
}
