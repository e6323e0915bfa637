import {
  type SurveyQuestion,
  surveyQuestionProblems,
  toStoredQuestions,
} from './survey-questions.js';

const likert = (id: string, extra: Partial<SurveyQuestion> = {}): SurveyQuestion => ({
  id,
  text: 'I feel rested',
  type: 'likert',
  required: true,
  ...extra,
});

describe('surveyQuestionProblems', () => {
  it('accepts every type with its own fields', () => {
    expect(
      surveyQuestionProblems([
        likert('rested', { wellness: { direction: 'positive', weight: 2 } }),
        {
          id: 'stress',
          text: 'Stress',
          type: 'scale',
          required: false,
          wellness: { direction: 'negative', weight: 1 },
        },
        {
          id: 'setting',
          text: 'Where',
          type: 'single_choice',
          required: true,
          options: ['Office', 'Remote'],
        },
        { id: 'ideas', text: 'Ideas?', type: 'free_text', required: false, maxLength: 500 },
      ]),
    ).toEqual([]);
  });

  it('refuses an id used twice, naming both places', () => {
    expect(surveyQuestionProblems([likert('a'), likert('b'), likert('a')])).toEqual([
      { field: 'questions.2.id', reason: expect.stringContaining('questions.0') },
    ]);
  });

  it('lets only likert and scale questions feed the wellness score, and says so', () => {
    const problems = surveyQuestionProblems([
      {
        id: 'setting',
        text: 'Where',
        type: 'single_choice',
        required: true,
        options: ['A', 'B'],
        wellness: { direction: 'positive', weight: 1 },
      },
      {
        id: 'ideas',
        text: 'Ideas?',
        type: 'free_text',
        required: false,
        wellness: { direction: 'positive', weight: 1 },
      },
    ]);
    expect(problems).toEqual([
      {
        field: 'questions.0.wellness',
        reason: 'only likert and scale questions can feed the wellness score, not single_choice',
      },
      {
        field: 'questions.1.wellness',
        reason: 'only likert and scale questions can feed the wellness score, not free_text',
      },
    ]);
  });

  it('keeps options to single_choice (2 to 20, distinct) and maxLength to free_text', () => {
    const fields = (questions: SurveyQuestion[]) =>
      surveyQuestionProblems(questions).map((p) => p.field);
    expect(fields([likert('a', { options: ['x', 'y'] })])).toEqual(['questions.0.options']);
    expect(fields([likert('a', { maxLength: 10 })])).toEqual(['questions.0.maxLength']);
    const choice = (options: string[]): SurveyQuestion => ({
      id: 'c',
      text: 'c',
      type: 'single_choice',
      required: true,
      options,
    });
    expect(fields([choice(['only'])])).toEqual(['questions.0.options']);
    expect(fields([choice(['same', 'same'])])).toEqual(['questions.0.options']);
    expect(fields([choice(Array.from({ length: 21 }, (_, i) => `o${i}`))])).toEqual([
      'questions.0.options',
    ]);
  });

  it('holds 1 to 50 questions with slug ids', () => {
    expect(surveyQuestionProblems([])).toEqual([
      { field: 'questions', reason: expect.any(String) },
    ]);
    const many = Array.from({ length: 51 }, (_, i) => likert(`q${i}`));
    expect(surveyQuestionProblems(many).map((p) => p.field)).toEqual(['questions']);
    expect(surveyQuestionProblems([likert('Not A Slug')]).map((p) => p.field)).toEqual([
      'questions.0.id',
    ]);
  });
});

describe('toStoredQuestions', () => {
  it('keeps the fields of each type and gives free text its default length', () => {
    expect(
      toStoredQuestions([{ id: 'ideas', text: 'Ideas?', type: 'free_text', required: false }]),
    ).toEqual([
      { id: 'ideas', text: 'Ideas?', type: 'free_text', required: false, maxLength: 2000 },
    ]);
  });
});
