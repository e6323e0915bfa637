/**
 * A count of people who logged a mood may be shown when it is none, or at least the threshold:
 * between the two, it would say of a handful of people that they use the service.
 */
export function isShowableCount(count: number, minGroupSize: number): boolean {
  return count === 0 || count >= minGroupSize;
}

export interface Participation {
  members: number;
  activeLast30Days: number | null;
  /** activeLast30Days / members, 0..1, three decimals. */
  rate: number | null;
  /** Why activeLast30Days and rate are null, when they are. */
  suppressedReason: string | null;
}

/** Why a count of `minGroupSize` or more people is withheld. */
export const tooFewActive = (minGroupSize: number) =>
  `Fewer than ${minGroupSize} members logged a mood in the last 30 days.`;

/** The longest such reason (a threshold is at most an int4). */
export const SUPPRESSED_REASON_MAX_LENGTH = tooFewActive(2_147_483_647).length;

/** The organisation's participation, with the active count withheld when it is too small. */
export function participationOf(
  members: number,
  active: number,
  minGroupSize: number,
): Participation {
  if (!isShowableCount(active, minGroupSize)) {
    return {
      members,
      activeLast30Days: null,
      rate: null,
      suppressedReason: tooFewActive(minGroupSize),
    };
  }
  return {
    members,
    activeLast30Days: active,
    rate: members === 0 ? null : Math.round((active / members) * 1000) / 1000,
    suppressedReason: null,
  };
}
