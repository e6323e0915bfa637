/** A group of respondents (a department) and how many of them a figure is computed over. */
export interface CountedGroup {
  count: number;
}

export interface SuppressedGroups<G extends CountedGroup> {
  /** Groups whose figures may be shown on their own, in the order given. */
  shown: G[];
  /** Groups that may only be shown merged, in the order given. */
  hidden: G[];
  /** How many respondents the hidden groups hold together. */
  hiddenCount: number;
}

/**
 * Which groups' figures may be shown, when the figures of the whole are shown too.
 *
 * A group with fewer than `minGroupSize` respondents is never shown on its own. That is not
 * enough: anyone can subtract the shown groups from the total, so what is hidden is always
 * known as one merged group. When that merged group holds exactly one small group, the
 * subtraction gives that group's count and mean away. So the hidden groups must together hold
 * no one or at least `minGroupSize` respondents (complementary suppression): while they hold
 * fewer, the smallest shown group is hidden as well (one step is always enough, since every
 * shown group has at least `minGroupSize`). Then total minus shown is a merged group big enough
 * to show, and no hidden group's own count or mean follows from the figures shown.
 *
 * When the whole has fewer than `minGroupSize` respondents, nothing is shown.
 */
export function suppressGroups<G extends CountedGroup>(
  groups: readonly G[],
  minGroupSize: number,
): SuppressedGroups<G> {
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  const hiddenSet = new Set<G>(
    total < minGroupSize ? groups : groups.filter((group) => group.count < minGroupSize),
  );
  const countOf = (set: Set<G>) => [...set].reduce((sum, group) => sum + group.count, 0);
  if (countOf(hiddenSet) > 0 && countOf(hiddenSet) < minGroupSize) {
    const smallestShown = groups
      .filter((group) => !hiddenSet.has(group))
      .reduce<G | undefined>(
        (smallest, group) => (!smallest || group.count < smallest.count ? group : smallest),
        undefined,
      );
    if (smallestShown) hiddenSet.add(smallestShown);
  }
  return {
    shown: groups.filter((group) => !hiddenSet.has(group)),
    hidden: groups.filter((group) => hiddenSet.has(group)),
    hiddenCount: countOf(hiddenSet),
  };
}
