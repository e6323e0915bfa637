import { suppressGroups } from './group-suppression.js';

interface Group {
  name: string;
  count: number;
  /** Sum of the group's scores: with the count, its mean. */
  sum: number;
}

const group = (name: string, count: number, sum = count * 50): Group => ({ name, count, sum });
const names = (groups: Group[]) => groups.map((g) => g.name);

/** What an observer of the results sees: the whole, and each shown group's count and sum. */
function published(groups: Group[], min: number) {
  const { shown } = suppressGroups(groups, min);
  return {
    totalCount: groups.reduce((total, g) => total + g.count, 0),
    totalSum: groups.reduce((total, g) => total + g.sum, 0),
    shown: shown.map((g) => ({ name: g.name, count: g.count, sum: g.sum })),
  };
}

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

describe('suppressGroups', () => {
  it('shows groups at the threshold and hides smaller ones', () => {
    const result = suppressGroups([group('Ops', 5), group('Sales', 2), group('IT', 4)], 5);
    // Sales and IT together hold 6: enough to stand as one merged group.
    expect(names(result.shown)).toEqual(['Ops']);
    expect(names(result.hidden)).toEqual(['Sales', 'IT']);
    expect(result.hiddenCount).toBe(6);
  });

  it('hides the smallest shown group too when one small group would be total minus the rest', () => {
    const groups = [group('Ops', 9), group('Sales', 2), group('IT', 6)];
    const result = suppressGroups(groups, 5);
    expect(names(result.shown)).toEqual(['Ops']);
    expect(names(result.hidden)).toEqual(['Sales', 'IT']);
    // Total minus shown is Sales and IT together (8), never Sales (2) alone.
    const seen = published(groups, 5);
    expect(seen.totalCount - seen.shown.reduce((t, g) => t + g.count, 0)).toBe(8);
  });

  it('shows nothing when the whole is below the threshold', () => {
    const result = suppressGroups([group('Ops', 2), group('IT', 1)], 3);
    expect(result.shown).toEqual([]);
    expect(result.hiddenCount).toBe(3);
  });

  it('needs no complement when nothing small is hidden', () => {
    const result = suppressGroups([group('Ops', 5), group('IT', 7)], 5);
    expect(names(result.shown)).toEqual(['Ops', 'IT']);
    expect(result.hidden).toEqual([]);
  });

  it('over many random organisations, never lets a hidden group be derived from what is shown', () => {
    const next = random(20261126);
    for (let run = 0; run < 2000; run++) {
      const min = 3 + next(6);
      const groups = Array.from({ length: 1 + next(7) }, (_, i) => group(`d${i}`, 1 + next(12)));
      const total = groups.reduce((t, g) => t + g.count, 0);
      const { shown, hidden, hiddenCount } = suppressGroups(groups, min);

      // Shown groups are big enough; small ones are never shown.
      for (const g of shown) expect(g.count).toBeGreaterThanOrEqual(min);
      for (const g of groups.filter((g) => g.count < min)) expect(hidden).toContain(g);
      if (total < min) expect(shown).toEqual([]);

      // Total minus shown is the hidden groups together: none, or at least `min` people.
      expect(total - shown.reduce((t, g) => t + g.count, 0)).toBe(hiddenCount);
      if (total >= min) expect(hiddenCount === 0 || hiddenCount >= min).toBe(true);
      // ... and so never one group on its own: a small group always hides beside another.
      if (hidden.some((g) => g.count < min) && total >= min)
        expect(hidden.length).toBeGreaterThanOrEqual(2);

      // Means: moving score between two hidden groups changes each one's mean but nothing an
      // observer sees, so no hidden group's mean follows from the figures shown.
      if (hidden.length >= 2) {
        const [a, b] = hidden;
        const other = groups.map((g) =>
          g === a ? { ...g, sum: g.sum + 7 } : g === b ? { ...g, sum: g.sum - 7 } : g,
        );
        expect(published(other, min)).toEqual(published(groups, min));
      }
    }
  });
});
