import { computeOrgWellness, roundScore } from './wellness-score.js';

/** `count` members who each logged the same scores. */
const members = (count: number, scores: number[]) => Array.from({ length: count }, () => scores);

describe('computeOrgWellness', () => {
  it('maps each member mean from 1..10 to 0..100 and averages the members', () => {
    // Means 1, 10, 5.5 -> 0, 100, 50.
    const result = computeOrgWellness({
      minGroupSize: 3,
      memberMoods: [[1], [10, 10, 10], [4, 7]],
      surveyScores: null,
    });
    expect(result).toEqual({
      activeMembers: 3,
      moodScore: 50,
      surveyScore: null,
      wellnessScore: 50,
    });
  });

  it('counts each person once however often they log', () => {
    const result = computeOrgWellness({
      minGroupSize: 3,
      memberMoods: [Array.from({ length: 30 }, () => 10), [1], [1]],
      surveyScores: null,
    });
    // Per entry, the mean would be near 100; per person it is (100 + 0 + 0) / 3.
    expect(result.moodScore).toBe(33.3);
  });

  it('has no mood component below the threshold, and ignores members who did not log', () => {
    const result = computeOrgWellness({
      minGroupSize: 5,
      memberMoods: [...members(4, [8]), [], [], []],
      surveyScores: null,
    });
    expect(result).toEqual({
      activeMembers: 4,
      moodScore: null,
      surveyScore: null,
      wellnessScore: null,
    });
  });

  it('weights mood 0.6 and survey 0.4 when both exist', () => {
    const result = computeOrgWellness({
      minGroupSize: 5,
      memberMoods: members(5, [10]),
      surveyScores: [40, 50, 60, 70, 80],
    });
    expect(result).toMatchObject({ moodScore: 100, surveyScore: 60, wellnessScore: 84 });
  });

  it('uses whichever component exists, and the survey only at the threshold', () => {
    expect(
      computeOrgWellness({ minGroupSize: 5, memberMoods: [], surveyScores: [70, 70, 70, 70, 71] })
        .wellnessScore,
    ).toBe(70.2);
    expect(
      computeOrgWellness({
        minGroupSize: 5,
        memberMoods: members(5, [7]),
        surveyScores: [90, 90, 90, 90],
      }),
    ).toMatchObject({ surveyScore: null, wellnessScore: 66.7 });
  });

  it('blends the unrounded components and rounds once', () => {
    // mood 1/3 * 100 = 33.333..., survey 50: 0.6 * 33.333... + 0.4 * 50 = 40 exactly.
    const result = computeOrgWellness({
      minGroupSize: 3,
      memberMoods: [[4], [4], [4]],
      surveyScores: [50, 50, 50],
    });
    expect(result).toMatchObject({ moodScore: 33.3, surveyScore: 50, wellnessScore: 40 });
  });
});

describe('roundScore', () => {
  it('rounds halves up even where binary floating point falls just short', () => {
    // 0.6 * 10.25 is 6.15 exactly, but 6.1499999999999995 in floating point.
    expect(0.6 * 10.25).toBeLessThan(6.15);
    expect(roundScore(0.6 * 10.25)).toBe(6.2);
    expect(roundScore(72.25)).toBe(72.3);
    expect(roundScore(72.249)).toBe(72.2);
    expect(roundScore(null)).toBeNull();
  });
});
