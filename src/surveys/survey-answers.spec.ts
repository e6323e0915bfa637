import { checkAnswers } from './survey-answers.js';
import type { SurveyQuestion } from './survey-questions.js';

const questions: SurveyQuestion[] = [
  { id: 'rested', text: 'Rested', type: 'likert', required: true },
  { id: 'stress', text: 'Stress', type: 'scale', required: false },
  {
    id: 'setting',
    text: 'Where',
    type: 'single_choice',
    required: false,
    options: ['Office', 'Remote'],
  },
  { id: 'ideas', text: 'Ideas', type: 'free_text', required: false, maxLength: 10 },
];

const errorsOf = (given: Record<string, unknown>) => {
  const result = checkAnswers(questions, given);
  return result.ok ? [] : result.errors;
};

describe('checkAnswers', () => {
  it('accepts answers of the right kind, and treats absent or null optional ones as skipped', () => {
    expect(
      checkAnswers(questions, { rested: 5, stress: 0, setting: 'Remote', ideas: 'more plant' }),
    ).toEqual({
      ok: true,
      answers: { rested: 5, stress: 0, setting: 'Remote', ideas: 'more plant' },
    });
    expect(checkAnswers(questions, { rested: 1, stress: null })).toEqual({
      ok: true,
      answers: { rested: 1 },
    });
  });

  it('names the question of each refused answer', () => {
    expect(errorsOf({ stress: 11, setting: 'Moon', ideas: 'far too long here', extra: 1 })).toEqual(
      [
        { field: 'answers.extra', reason: 'is not a question of this survey' },
        { field: 'answers.rested', reason: 'is required' },
        { field: 'answers.stress', reason: 'must be a whole number from 0 to 10' },
        { field: 'answers.setting', reason: 'must be one of the options: "Office", "Remote"' },
        { field: 'answers.ideas', reason: 'must be text of 1 to 10 characters' },
      ],
    );
  });

  it('wants whole numbers in range for likert, never text or fractions', () => {
    for (const bad of [0, 6, 2.5, '3', true]) {
      expect(errorsOf({ rested: bad })).toEqual([
        { field: 'answers.rested', reason: 'must be a whole number from 1 to 5' },
      ]);
    }
  });

  it('refuses empty free text (leave the question out to skip it)', () => {
    expect(errorsOf({ rested: 3, ideas: '' }).map((error) => error.field)).toEqual([
      'answers.ideas',
    ]);
  });
});
