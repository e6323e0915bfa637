import { DateTime } from 'luxon';
import type { FieldError } from '../common/problem/problem.js';
import {
  type Availability,
  MIN_SLOT_MINUTES,
  minuteOfDay,
  type TimeWindow,
  WEEKDAYS,
} from './availability.js';

/** A bookable stretch of a therapist's time: [start, end). */
export interface Slot {
  start: Date;
  end: Date;
}

/** Longest stretch one request may expand: keeps the work per request small and bounded. */
export const MAX_SLOT_RANGE_DAYS = 31;

/**
 * The most slots one range can hold: they lie wholly inside it and never overlap (windows of a
 * day do not, and a slot touching a daylight-saving change is not offered), each at least
 * MIN_SLOT_MINUTES long.
 */
export const MAX_SLOTS_IN_RANGE = (MAX_SLOT_RANGE_DAYS * 24 * 60) / MIN_SLOT_MINUTES;

/** What is wrong with a requested range of time, named by the query fields that hold it. */
export function slotRangeErrors(
  from: Date,
  to: Date,
  fields: { from: string; to: string },
): FieldError[] {
  if (to <= from)
    return [{ field: fields.to, reason: `${fields.to} must be after ${fields.from}` }];
  if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * 86_400_000) {
    return [
      {
        field: fields.to,
        reason: `${fields.to} must be at most ${MAX_SLOT_RANGE_DAYS} days after ${fields.from}`,
      },
    ];
  }
  return [];
}

/**
 * The wall-clock time `minutes` after local midnight of `day`, when that local time exists
 * exactly once. Null inside the hour skipped when clocks go forward (luxon would move it on by
 * the gap) and inside the hour repeated when they go back (it would name two instants).
 */
function unambiguousLocalTime(day: DateTime, minutes: number): DateTime | null {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const time = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: day.zone },
  );
  if (time.hour !== hour || time.minute !== minute) return null;
  return time.getPossibleOffsets().length === 1 ? time : null;
}

function windowsOf(availability: Availability, day: DateTime): TimeWindow[] {
  const date = day.toISODate();
  const exception = availability.exceptions.find((candidate) => candidate.date === date);
  if (exception) return exception.windows;
  const weekday = WEEKDAYS[day.weekday - 1];
  return availability.weekly.filter((window) => window.day === weekday);
}

/**
 * Every slot of `availability` lying wholly within [from, to], in time order.
 *
 * Each local date from the one `from` falls on to the one `to` falls on (in the therapist's zone)
 * takes its exception's windows or else its weekday's, and each window is cut into consecutive
 * slots of `slotMinutes` from its start, a last shorter remainder dropped. Slots are laid on the
 * local wall clock, so a 09:00 slot is at 09:00 local before and after a daylight-saving change
 * (its UTC instant moves by the change). Around the change itself, a slot is offered only when
 * its start and end each exist exactly once on the local clock and it lasts exactly
 * `slotMinutes`: slots touching the skipped hour (spring) or the repeated hour (autumn) are not
 * offered, so no slot has an ambiguous or impossible local time or an odd length.
 */
export function expandSlots(availability: Availability, from: Date, to: Date): Slot[] {
  const zone = availability.timezone;
  const length = availability.slotMinutes;
  const slots: Slot[] = [];
  const lastDay = DateTime.fromJSDate(to, { zone }).startOf('day');
  for (
    let day = DateTime.fromJSDate(from, { zone }).startOf('day');
    day <= lastDay;
    day = day.plus({ days: 1 })
  ) {
    for (const window of windowsOf(availability, day)) {
      const windowEnd = minuteOfDay(window.end);
      for (let start = minuteOfDay(window.start); start + length <= windowEnd; start += length) {
        const startTime = unambiguousLocalTime(day, start);
        const endTime = unambiguousLocalTime(day, start + length);
        if (!startTime || !endTime) continue;
        if (endTime.diff(startTime, 'minutes').minutes !== length) continue;
        const slot = { start: startTime.toJSDate(), end: endTime.toJSDate() };
        if (slot.start >= from && slot.end <= to) slots.push(slot);
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The slot of `availability` that begins at `start`, if there is one. */
export function slotStartingAt(availability: Availability, start: Date): Slot | undefined {
  const end = new Date(start.getTime() + availability.slotMinutes * 60_000);
  return expandSlots(availability, start, end).find(
    (slot) => slot.start.getTime() === start.getTime(),
  );
}

/** Slots that start after `now` and overlap none of `booked` (the live appointments). */
export function freeSlots(slots: Slot[], booked: Slot[], now: Date): Slot[] {
  return slots.filter(
    (slot) =>
      slot.start > now && !booked.some((taken) => taken.start < slot.end && slot.start < taken.end),
  );
}

/** The slot's start as the therapist's clock shows it, e.g. `2027-03-26T09:00:00.000+01:00`. */
export function localStart(slot: Slot, timezone: string): string {
  return DateTime.fromJSDate(slot.start, { zone: timezone }).toISO() ?? slot.start.toISOString();
}
