import type { SurveyQuestion } from './survey-questions.js';
import {
  buildSurveyFigures,
  type DepartmentTally,
  listedFreeText,
  type ParticipationTally,
  reasons,
} from './survey-results.js';

const questions: SurveyQuestion[] = [
  { id: 'rested', text: 'Rested', type: 'likert', required: true },
  { id: 'extra', text: 'Extra', type: 'scale', required: false },
  { id: 'ideas', text: 'Ideas', type: 'free_text', required: false },
];

const dept = (
  department: string | null,
  responseCount: number,
  mean = 60,
  scored = responseCount,
): DepartmentTally => ({
  department,
  responseCount,
  scoredCount: scored,
  wellnessSum: mean * scored,
});

const everyoneAnswered = (departments: DepartmentTally[]): ParticipationTally[] =>
  departments.map((d) => ({
    department: d.department,
    eligible: d.responseCount + 1,
    responded: d.responseCount,
  }));

const figures = (departments: DepartmentTally[], options: { status?: string; min?: number } = {}) =>
  buildSurveyFigures({
    status: options.status ?? 'closed',
    minGroupSize: options.min ?? 5,
    questions,
    departments,
    questionTallies: [
      {
        questionId: 'rested',
        count: departments.reduce((t, d) => t + d.responseCount, 0),
        mean: 3.456,
        distribution: { '3': 4, '4': 8 },
      },
      { questionId: 'extra', count: 2, mean: 7, distribution: { '7': 2 } },
      { questionId: 'ideas', count: 6, mean: null, distribution: null },
    ],
    participation: everyoneAnswered(departments),
  });

describe('buildSurveyFigures', () => {
  it('shows only the count while the survey is open, however many answered', () => {
    const result = figures([dept('Ops', 12)], { status: 'open' });
    expect(result).toMatchObject({
      responseCount: 12,
      suppressed: reasons.notClosed,
      wellnessMean: null,
      departments: [],
    });
    expect(result.questions.every((q) => q.suppressed && q.count === undefined)).toBe(true);
  });

  it('shows only the count below the threshold', () => {
    const result = figures([dept('Ops', 2), dept('IT', 2)]);
    expect(result.suppressed).toBe(reasons.tooFewResponses(5));
    expect(result.questions.map((q) => Object.keys(q).sort())).toEqual([
      ['id', 'suppressed', 'type'],
      ['id', 'suppressed', 'type'],
      ['id', 'suppressed', 'type'],
    ]);
  });

  it('shows question figures at the threshold, and hides a question answered by fewer', () => {
    const result = figures([dept('Ops', 12)]);
    expect(result.suppressed).toBeUndefined();
    expect(result.questions).toEqual([
      { id: 'rested', type: 'likert', count: 12, mean: 3.46, distribution: { '3': 4, '4': 8 } },
      { id: 'extra', type: 'scale', suppressed: reasons.tooFewAnswers(5) },
      { id: 'ideas', type: 'free_text', count: 6 },
    ]);
    expect(result.wellnessMean).toBe(60);
  });

  it('merges small departments as Other, and never leaves one to total minus the rest', () => {
    const result = figures([
      dept('Ops', 9, 70),
      dept('Sales', 2, 20),
      dept('IT', 6, 50),
      dept('HR', 8, 65),
    ]);
    expect(result.departments.map((d) => [d.department, d.merged, d.responseCount])).toEqual([
      ['Ops', false, 9],
      ['HR', false, 8],
      ['Other', true, 8],
    ]);
    const shown = result.departments
      .filter((d) => !d.merged)
      .reduce((t, d) => t + d.responseCount, 0);
    expect(result.responseCount - shown).toBe(8);
    // Sales and IT together: (2 * 20 + 6 * 50) / 8.
    expect(result.departments[2].wellnessMean).toBe(42.5);
    expect(result.departments[2].participation).toEqual({ eligible: 10, responded: 8, rate: 0.8 });
  });

  it("hides a department's wellness mean when too few of its responses have a score", () => {
    const result = figures([dept('Ops', 9, 70, 9), dept('IT', 6, 50, 2), dept('HR', 8, 65, 8)]);
    const means = Object.fromEntries(result.departments.map((d) => [d.department, d.wellnessMean]));
    // IT's 2 scores hide beside HR's, the smaller of the others: neither mean is shown.
    expect(means).toEqual({ Ops: 70, IT: null, HR: null });
  });

  it('hides participation of an organisation smaller than the threshold', () => {
    const result = buildSurveyFigures({
      status: 'closed',
      minGroupSize: 5,
      questions,
      departments: [dept('Ops', 3)],
      questionTallies: [],
      participation: [{ department: 'Ops', eligible: 4, responded: 3 }],
    });
    expect(result.participation).toEqual({ suppressed: reasons.tooFewMembers(5) });
  });
});

describe('listedFreeText', () => {
  it('lists a question’s comments only from the comments threshold on', () => {
    const questions = [
      { id: 'ideas', type: 'free_text', text: 'Ideas?' },
      { id: 'worries', type: 'free_text', text: 'Worries?' },
      { id: 'rested', type: 'likert', text: 'Rested?' },
    ] as unknown as SurveyQuestion[];
    const tallies = [
      { questionId: 'ideas', count: 10, mean: null, distribution: null },
      { questionId: 'worries', count: 9, mean: null, distribution: null },
      { questionId: 'rested', count: 40, mean: 3, distribution: null },
    ];
    expect(listedFreeText(questions, tallies, 10)).toEqual(['ideas']);
    expect(listedFreeText(questions, tallies, 11)).toEqual([]);
  });
});
