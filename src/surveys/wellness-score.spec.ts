import type { SurveyQuestion } from './survey-questions.js';
import { computeWellnessScore } from './wellness-score.js';

const question = (
  id: string,
  type: SurveyQuestion['type'],
  wellness?: SurveyQuestion['wellness'],
  extra: Partial<SurveyQuestion> = {},
): SurveyQuestion => ({ id, text: id, type, required: false, wellness, ...extra });

describe('computeWellnessScore', () => {
  const questions = [
    question('energy', 'likert', { direction: 'positive', weight: 1 }),
    question('stress', 'scale', { direction: 'negative', weight: 3 }),
    question('setting', 'single_choice', undefined, { options: ['Office', 'Remote'] }),
    question('unscored', 'likert'),
  ];

  it('is the weighted mean of the normalised answers, negative ones turned round', () => {
    // energy 4 -> 0.75; stress 2 -> 1 - 0.2 = 0.8; (1 * 0.75 + 3 * 0.8) / 4 = 0.7875
    expect(computeWellnessScore(questions, { energy: 4, stress: 2 })).toBe(78.8);
  });

  it('spans 0 to 100 at the ends of the scales', () => {
    expect(computeWellnessScore(questions, { energy: 5, stress: 0 })).toBe(100);
    expect(computeWellnessScore(questions, { energy: 1, stress: 10 })).toBe(0);
  });

  it('leaves out skipped questions and questions without a wellness weight', () => {
    expect(computeWellnessScore(questions, { energy: 3, setting: 'Remote', unscored: 1 })).toBe(50);
  });

  it('is null when no scored question was answered, or all answered ones weigh nothing', () => {
    expect(computeWellnessScore(questions, { setting: 'Office', unscored: 5 })).toBeNull();
    const weightless = [question('calm', 'scale', { direction: 'positive', weight: 0 })];
    expect(computeWellnessScore(weightless, { calm: 7 })).toBeNull();
  });
});
