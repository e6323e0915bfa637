import { DateTime } from 'luxon';

/** Smallest group whose aggregates are shown, unless the organisation chose another. */
export const DEFAULT_MIN_GROUP_SIZE = 5;

/** Below this, an aggregate could single a person out; the database refuses it too. */
export const MIN_GROUP_SIZE_FLOOR = 3;

/**
 * Fewest answers to a free-text question before they are listed: words identify people more
 * readily than numbers (Viva Glint's default for comments is 10).
 */
export const DEFAULT_COMMENTS_MIN_GROUP_SIZE = 10;

/** What an organisation configures, with the defaults filled in. */
/** How often its score may be published: once a local day (the default), or once an hour. */
export const SCORE_CADENCES = ['daily', 'hourly'] as const;
export type ScoreCadence = (typeof SCORE_CADENCES)[number];

export interface OrgSettings {
  minGroupSize: number;
  /** Fewest answers before a question's free text is listed; never below minGroupSize. */
  commentsMinGroupSize: number;
  /** When non-empty, the only departments an employee may be in. */
  departments: string[];
  /** How often a new wellness score may be published. */
  scoreCadence: ScoreCadence;
  /** The organisation's IANA time zone: its "day" for the cadence. */
  timezone: string;
}

/**
 * The organisation's privacy threshold from its stored settings: 5 when unset or not a number,
 * a fraction rounded up, never below 3. Every aggregate shown to an organisation uses this one.
 */
export function minGroupSizeOf(stored: unknown): number {
  const configured = (stored as { minGroupSize?: unknown } | null | undefined)?.minGroupSize;
  const size =
    typeof configured === 'number' && Number.isFinite(configured)
      ? Math.ceil(configured)
      : DEFAULT_MIN_GROUP_SIZE;
  return Math.max(MIN_GROUP_SIZE_FLOOR, size);
}

/** Reads the stored `settings` jsonb, whatever it holds, as settings the service can rely on. */
export function readOrgSettings(stored: unknown): OrgSettings {
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as {
    minGroupSize?: unknown;
    commentsMinGroupSize?: unknown;
    departments?: unknown;
    scoreCadence?: unknown;
    timezone?: unknown;
  };
  const minGroupSize = minGroupSizeOf(raw);
  const comments =
    typeof raw.commentsMinGroupSize === 'number' && Number.isFinite(raw.commentsMinGroupSize)
      ? Math.ceil(raw.commentsMinGroupSize)
      : DEFAULT_COMMENTS_MIN_GROUP_SIZE;
  const commentsMinGroupSize = Math.max(minGroupSize, comments);
  const departments = Array.isArray(raw.departments)
    ? raw.departments.filter((name): name is string => typeof name === 'string')
    : [];
  const scoreCadence = SCORE_CADENCES.includes(raw.scoreCadence as ScoreCadence)
    ? (raw.scoreCadence as ScoreCadence)
    : 'daily';
  const timezone =
    typeof raw.timezone === 'string' && DateTime.local().setZone(raw.timezone).isValid
      ? raw.timezone
      : 'UTC';
  return { minGroupSize, commentsMinGroupSize, departments, scoreCadence, timezone };
}

/**
 * Whether an employee may be put in `department`: no department is always fine, and any name
 * is while the organisation keeps no list.
 */
export function departmentAllowed(settings: OrgSettings, department: string | null | undefined) {
  if (department === null || department === undefined) return true;
  return settings.departments.length === 0 || settings.departments.includes(department);
}

/** The message for a department outside the organisation's list. */
export function unknownDepartmentMessage(department: string): string {
  return `Department "${department}" is not one of the organisation's departments (settings.departments).`;
}
