import { DateTime } from 'luxon';

import type { ScoreCadence } from '../orgs/org-settings.js';

/** The published score a new computation is compared with. */
export interface LastPublication {
  publishedAt: Date;
  /** The closed survey its survey component came from. */
  surveyId: string | null;
}

export interface PublicationInput {
  last: LastPublication | null;
  now: Date;
  cadence: ScoreCadence;
  /** The organisation's IANA time zone: a "day" is its own. */
  timezone: string;
  /** Members whose contribution (mean mood in the window, or being counted at all) moved. */
  changedMembers: number;
  /** The closed survey the survey component would come from now. */
  surveyId: string | null;
  minGroupSize: number;
}

/** Whether two instants fall in the same period of the cadence, on the organisation's clock. */
export function samePeriod(a: Date, b: Date, cadence: ScoreCadence, timezone: string): boolean {
  const unit = cadence === 'daily' ? 'day' : 'hour';
  const start = (date: Date) =>
    DateTime.fromJSDate(date).setZone(timezone).startOf(unit).toMillis();
  return start(a) === start(b);
}

/**
 * Whether a new score may be published. At most once per period of the cadence; and only when
 * at least `minGroupSize` members' contributions moved since the last publication (a newly
 * counted survey stands on at least that many responses by construction). Otherwise the last
 * value stands, so two published scores never differ by one member's contribution.
 */
export function mayPublish(input: PublicationInput): boolean {
  const { last } = input;
  if (!last) return true;
  if (samePeriod(last.publishedAt, input.now, input.cadence, input.timezone)) return false;
  return input.surveyId !== last.surveyId || input.changedMembers >= input.minGroupSize;
}
