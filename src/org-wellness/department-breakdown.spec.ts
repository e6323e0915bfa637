import { breakDownByDepartment, type DepartmentTally } from './department-breakdown.js';

/** A department whose active members all have the same mean mood (0..100). */
const dept = (
  department: string | null,
  members: number,
  active: number,
  mood = 50,
): DepartmentTally => ({ department, members, active, moodSum: active * mood });

const names = (rows: Array<{ department: string | null }>) => rows.map((row) => row.department);

describe('breakDownByDepartment', () => {
  it('shows departments at the threshold and pools the smaller ones into Other', () => {
    const result = breakDownByDepartment(
      [dept('Sales', 3, 3, 20), dept('Eng', 9, 8, 80), dept('Support', 2, 2, 60)],
      5,
    );
    expect(result.departments).toEqual([
      { department: 'Eng', members: 9, activeLast30Days: 8, moodMean: 80, merged: false },
      // (3 * 20 + 2 * 60) / 5 = 36.
      { department: 'Other', members: 5, activeLast30Days: 5, moodMean: 36, merged: true },
    ]);
    expect(result.suppressed).toEqual([
      { department: 'Sales', reason: 'below-min-group-size', countedInOther: true },
      { department: 'Support', reason: 'below-min-group-size', countedInOther: true },
    ]);
  });

  it('withholds a shown department when the remainder could be worked out from the totals', () => {
    // Shown Eng (7) + total (12) would give Sales (5 < 6) as total minus Eng.
    const result = breakDownByDepartment([dept('Eng', 7, 7), dept('Sales', 5, 5)], 6);
    expect(result.departments).toEqual([]);
    expect(result.suppressed).toEqual([
      { department: 'Eng', reason: 'protects-smaller-groups', countedInOther: false },
      { department: 'Sales', reason: 'below-min-group-size', countedInOther: false },
    ]);
  });

  it('moves only the smallest shown department, which then makes Other large enough', () => {
    const result = breakDownByDepartment(
      [dept('Eng', 10, 10), dept('Ops', 6, 6), dept('Sales', 4, 4)],
      6,
    );
    expect(names(result.departments)).toEqual(['Eng', 'Other']);
    expect(result.departments[1]).toMatchObject({ members: 10, activeLast30Days: 10 });
    expect(result.suppressed).toEqual([
      { department: 'Ops', reason: 'protects-smaller-groups', countedInOther: true },
      { department: 'Sales', reason: 'below-min-group-size', countedInOther: true },
    ]);
  });

  it('needs no complement when the small departments have nobody active', () => {
    const result = breakDownByDepartment([dept('Eng', 7, 7), dept('Sales', 5, 0)], 6);
    expect(names(result.departments)).toEqual(['Eng']);
    expect(result.suppressed).toEqual([
      { department: 'Sales', reason: 'below-min-group-size', countedInOther: false },
    ]);
  });

  it('never shows members without a department by name, and keeps them in the remainder', () => {
    const result = breakDownByDepartment([dept('Eng', 8, 8), dept(null, 6, 6)], 5);
    expect(names(result.departments)).toEqual(['Eng', 'Other']);
    expect(result.suppressed).toEqual([
      { department: null, reason: 'no-department', countedInOther: true },
    ]);
  });

  it('does not show Other when it would hold everyone', () => {
    const result = breakDownByDepartment([dept('A', 4, 4), dept('B', 4, 4)], 5);
    expect(result.departments).toEqual([]);
    expect(result.suppressed.every((row) => !row.countedInOther)).toBe(true);
  });

  it('keeps what is not shown at zero or at least the threshold, whatever the departments', () => {
    // Every split of up to 5 departments of 0..8 active members, thresholds 3..6.
    for (let k = 3; k <= 6; k++) {
      for (let seed = 0; seed < 3000; seed++) {
        const sizes = Array.from({ length: 1 + (seed % 5) }, (_, i) => (seed * (i + 7) * 31) % 9);
        const tallies = sizes.map((active, i) => dept(`D${i}`, active + 1, active));
        const result = breakDownByDepartment(tallies, k);
        const total = sizes.reduce((a, b) => a + b, 0);
        const shown = result.departments.reduce((a, row) => a + row.activeLast30Days, 0);
        const hidden = total - shown;
        // With nothing shown, the remainder is the organisation's total, withheld below k too.
        if (result.departments.length > 0) expect(hidden === 0 || hidden >= k).toBe(true);
        for (const row of result.departments)
          expect(row.activeLast30Days).toBeGreaterThanOrEqual(k);
      }
    }
  });
});
