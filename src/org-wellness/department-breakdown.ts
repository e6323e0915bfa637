import { roundScore } from './wellness-score.js';

/** One department's counts, as the database aggregates them (never a person's row). */
export interface DepartmentTally {
  /** null: members without a department. */
  department: string | null;
  members: number;
  /** Members who logged a mood in the last 30 days. */
  active: number;
  /** Sum over the active members of their mean mood in the window, each mapped to 0..100. */
  moodSum: number;
}

export const SUPPRESSION_REASONS = [
  'below-min-group-size',
  'protects-smaller-groups',
  'no-department',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const OTHER_DEPARTMENT = 'Other';

export interface DepartmentFigures {
  department: string;
  members: number;
  activeLast30Days: number;
  /** Mean of the active members' mean moods, 0..100. */
  moodMean: number;
  /** true for the "Other" bucket of several departments. */
  merged: boolean;
}

export interface SuppressedDepartment {
  department: string | null;
  reason: SuppressionReason;
  /** Whether its members are counted in the "Other" bucket. */
  countedInOther: boolean;
}

export interface DepartmentBreakdown {
  departments: DepartmentFigures[];
  suppressed: SuppressedDepartment[];
}

/**
 * Which departments a dashboard may show. A department is shown when at least `minGroupSize`
 * of its members logged a mood; the rest are pooled into "Other" when the pool reaches the
 * threshold. The organisation's totals are published too, so what is not shown is always
 * "total minus shown": complementary suppression keeps that remainder at zero active members
 * or at least the threshold, by moving the smallest shown departments into it. "Other" is not
 * shown when it would hold everyone (it would only repeat the totals).
 */
export function breakDownByDepartment(
  tallies: ReadonlyArray<DepartmentTally>,
  minGroupSize: number,
): DepartmentBreakdown {
  const shown = tallies
    .filter((tally) => tally.department !== null && tally.active >= minGroupSize)
    .sort(largestFirst);
  const pooled = tallies
    .filter((tally) => !shown.includes(tally))
    .map((tally) => ({
      tally,
      reason: (tally.department === null
        ? 'no-department'
        : 'below-min-group-size') as SuppressionReason,
    }));
  let pooledActive = sum(pooled.map(({ tally }) => tally.active));
  while (pooledActive > 0 && pooledActive < minGroupSize && shown.length > 0) {
    const smallest = shown.pop()!;
    pooled.push({ tally: smallest, reason: 'protects-smaller-groups' });
    pooledActive += smallest.active;
  }
  const otherShown = pooledActive >= minGroupSize && shown.length > 0;
  const departments = shown.map((tally) => figuresOf(tally.department!, [tally], false));
  if (otherShown) {
    departments.push(
      figuresOf(
        OTHER_DEPARTMENT,
        pooled.map(({ tally }) => tally),
        true,
      ),
    );
  }
  return {
    departments,
    suppressed: pooled
      .map(({ tally, reason }) => ({
        department: tally.department,
        reason,
        countedInOther: otherShown,
      }))
      .sort((a, b) => (a.department ?? '').localeCompare(b.department ?? '')),
  };
}

function figuresOf(
  department: string,
  tallies: ReadonlyArray<DepartmentTally>,
  merged: boolean,
): DepartmentFigures {
  const active = sum(tallies.map((tally) => tally.active));
  return {
    department,
    members: sum(tallies.map((tally) => tally.members)),
    activeLast30Days: active,
    moodMean: roundScore(sum(tallies.map((tally) => tally.moodSum)) / active)!,
    merged,
  };
}

/** Most active first; ties by size, then by name, so the order never depends on the input's. */
function largestFirst(a: DepartmentTally, b: DepartmentTally): number {
  return (
    b.active - a.active ||
    b.members - a.members ||
    (a.department ?? '').localeCompare(b.department ?? '')
  );
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
