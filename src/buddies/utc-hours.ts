import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

export interface UtcHours {
  /** Distinct UTC hours (0-23), ascending. */
  utcHours: number[];
  /** The zone's offset from UTC at `at`, in minutes (east positive). */
  utcOffsetMinutes: number;
}

/**
 * A person's preferred local hours as UTC hours, with the offset their zone has at `at`. Every
 * hour uses that one offset (not the offset each hour would have on that calendar day), so a
 * profile saved on a daylight-saving day is still one consistent shift; the nightly pass converts
 * again when the offset changes. An hour starting at a half-hour in UTC (India, +05:30) counts as
 * the UTC hour it starts in.
 */
export function toUtcHours(localHours: readonly number[], timezone: string, at: Date): UtcHours {
  const utcOffsetMinutes = utcOffsetMinutesOf(timezone, at);
  const clock = FixedOffsetZone.instance(utcOffsetMinutes);
  const utcHours = new Set(
    localHours.map((hour) => DateTime.fromObject({ hour }, { zone: clock }).toUTC().hour),
  );
  return { utcHours: [...utcHours].sort((a, b) => a - b), utcOffsetMinutes };
}

/** The offset of `timezone` from UTC at `at`, in minutes (east positive). */
export function utcOffsetMinutesOf(timezone: string, at: Date): number {
  if (!IANAZone.isValidZone(timezone)) throw new Error(`Not an IANA time zone: ${timezone}`);
  return DateTime.fromJSDate(at, { zone: timezone }).offset;
}
