import { definitionProblems, scoreResponse } from './scoring.js';
import { GAD7, INSTRUMENTS, type Instrument, PHQ9, PSS10, WHO5 } from './instruments.js';

/** Answers giving `points` in total for an instrument whose items are all 0..max, spread from item 1. */
function answersTotalling(instrument: Instrument, points: number): Record<string, number> {
  const answers: Record<string, number> = {};
  let left = points;
  for (const question of instrument.definition.questions) {
    const max = Math.max(...question.options.map((option) => option.value));
    const min = Math.min(...question.options.map((option) => option.value));
    const take = Math.min(max - min, left);
    left -= take;
    // A reverse-scored item gives `take` points when answered max - take.
    answers[question.id] = question.reverse ? max - take : min + take;
  }
  if (left !== 0) throw new Error('too many points');
  return answers;
}

const bandAt = (instrument: Instrument, raw: number) => {
  const result = scoreResponse(instrument.definition, answersTotalling(instrument, raw));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.score;
};

describe('standard instruments', () => {
  it('PHQ-9 bands at every boundary', () => {
    const cases: Array<[number, string]> = [
      [0, 'minimal'],
      [4, 'minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'moderately severe'],
      [19, 'moderately severe'],
      [20, 'severe'],
      [27, 'severe'],
    ];
    for (const [total, label] of cases)
      expect([total, bandAt(PHQ9, total).band.label]).toEqual([total, label]);
  });

  it('PHQ-9 item 9 above 0 calls for crisis resources, whatever the total', () => {
    const answers = { ...answersTotalling(PHQ9, 0), q9: 1 };
    const result = scoreResponse(PHQ9.definition, answers);
    expect(result.ok && result.score).toMatchObject({
      totalScore: 1,
      crisis: true,
      band: { label: 'minimal' },
    });
    expect(bandAt(PHQ9, 8).crisis).toBe(false);
    expect(bandAt(PHQ9, 20).crisis).toBe(true); // severe band
  });

  it('GAD-7 bands at every boundary', () => {
    const cases: Array<[number, string]> = [
      [0, 'minimal'],
      [4, 'minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'severe'],
      [21, 'severe'],
    ];
    for (const [total, label] of cases)
      expect([total, bandAt(GAD7, total).band.label]).toEqual([total, label]);
  });

  it('WHO-5 multiplies the raw score by 4; 50 or less is poor wellbeing, 28 or less likely depression', () => {
    expect(bandAt(WHO5, 12)).toMatchObject({ totalScore: 48, band: { label: 'poor wellbeing' } });
    expect(bandAt(WHO5, 8)).toMatchObject({ totalScore: 32, band: { label: 'poor wellbeing' } });
    expect(bandAt(WHO5, 7)).toMatchObject({
      totalScore: 28,
      band: { label: 'likely depression', level: 'severe' },
    });
    expect(bandAt(WHO5, 0).band).toMatchObject({ label: 'likely depression' });
    expect(bandAt(WHO5, 13)).toMatchObject({
      totalScore: 52,
      band: { label: 'adequate wellbeing' },
    });
    expect(bandAt(WHO5, 0).totalScore).toBe(0);
    expect(bandAt(WHO5, 25).totalScore).toBe(100);
  });

  it('PSS-10 reverse-scores items 4, 5, 7 and 8 and bands at every boundary', () => {
    // Everything "Never": items 1-3, 6, 9, 10 give 0, the four reversed items give 4 each.
    const never = Object.fromEntries(
      PSS10.definition.questions.map((question) => [question.id, 0]),
    );
    const result = scoreResponse(PSS10.definition, never);
    expect(result.ok && result.score.totalScore).toBe(16);
    const cases: Array<[number, string]> = [
      [0, 'low stress'],
      [13, 'low stress'],
      [14, 'moderate stress'],
      [26, 'moderate stress'],
      [27, 'high perceived stress'],
      [40, 'high perceived stress'],
    ];
    for (const [total, label] of cases)
      expect([total, bandAt(PSS10, total).band.label]).toEqual([total, label]);
  });

  it('names each missing, extra or out-of-range answer', () => {
    const answers: Record<string, unknown> = {
      ...answersTotalling(GAD7, 3),
      q8: 1,
      q2: 7,
      q3: 'often',
    };
    delete answers.q1;
    const result = scoreResponse(GAD7.definition, answers);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.field).sort()).toEqual([
      'answers.q1',
      'answers.q2',
      'answers.q3',
      'answers.q8',
    ]);
  });

  it('ships definitions whose bands cover every possible total exactly once', () => {
    for (const instrument of INSTRUMENTS)
      expect([instrument.assessmentType, definitionProblems(instrument.definition)]).toEqual([
        instrument.assessmentType,
        [],
      ]);
  });
});
