import { DateTime } from 'luxon';
import type { FieldError } from '../common/problem/problem.js';

/** In luxon's order: `weekday` 1 is Monday. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DEFAULT_SLOT_MINUTES = 50;
export const MIN_SLOT_MINUTES = 15;
export const MAX_SLOT_MINUTES = 240;

/** Local wall-clock times of one day, `HH:mm`, start before end. */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface WeeklyWindow extends TimeWindow {
  day: Weekday;
}

/** Replaces the weekly windows of one local date; no windows is a day off. */
export interface AvailabilityException {
  date: string;
  windows: TimeWindow[];
}

/** When a therapist takes sessions, in their own time zone (stored as `therapists.availability`). */
export interface Availability {
  timezone: string;
  slotMinutes: number;
  weekly: WeeklyWindow[];
  exceptions: AvailabilityException[];
}

export const minuteOfDay = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * The rules the DTO cannot express on one field: windows end after they start, windows of one
 * day do not overlap, exception dates are calendar dates and appear once. Answers one error per
 * offending field, with the same dotted paths as request validation.
 */
export function availabilityErrors(
  availability: Availability,
  path = 'availability',
): FieldError[] {
  const errors: FieldError[] = [];
  const windowErrors = (windows: TimeWindow[], at: (index: number) => string, what: string) => {
    windows.forEach((window, index) => {
      if (minuteOfDay(window.end) <= minuteOfDay(window.start)) {
        errors.push({ field: `${at(index)}.end`, reason: 'end must be after start, the same day' });
      }
    });
    const ordered = windows
      .map((window, index) => ({ window, index }))
      .filter(({ window }) => minuteOfDay(window.end) > minuteOfDay(window.start))
      .sort((a, b) => minuteOfDay(a.window.start) - minuteOfDay(b.window.start));
    for (let i = 1; i < ordered.length; i += 1) {
      const previous = ordered[i - 1];
      if (minuteOfDay(ordered[i].window.start) < minuteOfDay(previous.window.end)) {
        errors.push({
          field: `${at(ordered[i].index)}.start`,
          reason: `overlaps ${at(previous.index).slice(path.length + 1)} on ${what}`,
        });
      }
    }
  };

  for (const day of WEEKDAYS) {
    const indexes = availability.weekly.flatMap((window, index) =>
      window.day === day ? [index] : [],
    );
    windowErrors(
      indexes.map((index) => availability.weekly[index]),
      (i) => `${path}.weekly.${indexes[i]}`,
      day,
    );
  }

  const seen = new Set<string>();
  availability.exceptions.forEach((exception, index) => {
    const at = `${path}.exceptions.${index}`;
    if (!DateTime.fromISO(exception.date).isValid) {
      errors.push({ field: `${at}.date`, reason: 'date must be a calendar date (YYYY-MM-DD)' });
    } else if (seen.has(exception.date)) {
      errors.push({ field: `${at}.date`, reason: 'date appears in more than one exception' });
    }
    seen.add(exception.date);
    windowErrors(exception.windows, (i) => `${at}.windows.${i}`, exception.date);
  });
  return errors;
}

/**
 * The stored availability, or null when the row holds none (the column's default `{}`): every
 * write went through `availabilityErrors`, so a stored value with a time zone is well formed.
 */
export function readAvailability(stored: unknown): Availability | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const value = stored as Partial<Availability>;
  if (typeof value.timezone !== 'string' || !Array.isArray(value.weekly)) return null;
  return {
    timezone: value.timezone,
    slotMinutes: value.slotMinutes ?? DEFAULT_SLOT_MINUTES,
    weekly: value.weekly,
    exceptions: value.exceptions ?? [],
  };
}
