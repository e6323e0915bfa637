import { PoolStatement } from '../database/pool-statement.js';

export interface DailyMoodRow {
  day: string;
  average: number | null;
  entries: number;
  movingAverage7: number | null;
  movingAverage30: number | null;
}

/** What GET /v1/mood/stats answers, as one statement computes it. */
export interface MoodStatsRow {
  timezone: string;
  daily: DailyMoodRow[];
  trendPerWeek: number | null;
  bestWeekday: number | null;
  bestAverage: number | null;
  worstWeekday: number | null;
  worstAverage: number | null;
  currentStreak: number;
  longestStreak: number;
}

/**
 * The person's statistics over the last `days` calendar days in their own timezone, in one
 * statement (one round trip instead of four; no row when the account is gone):
 * - `daily`: one row per day, today included, with the day's mean and the 7- and 30-day moving
 *   means of the daily means (the 29 days before the window feed the first moving means);
 * - the trend (least squares, in points per week) and the best and worst ISO weekday over the
 *   days of the window that have entries;
 * - the current streak (consecutive days with an entry ending today or yesterday, since a
 *   streak is not lost before the day is over) and the longest, over all entries.
 * Consecutive days of a run share `day - row_number()` (gaps and islands).
 */
export const MOOD_STATS = new PoolStatement<[userId: string, days: number], MoodStatsRow>(`
  WITH person AS (
    SELECT timezone, (now() AT TIME ZONE timezone)::date AS today
      FROM users WHERE id = $1::uuid
  ), per_day AS (
    SELECT (m.created_at AT TIME ZONE p.timezone)::date AS day,
           avg(m.mood_score)::float8 AS average, count(*)::int AS entries
      FROM mood_entries m, person p
     WHERE m.user_id = $1::uuid
       AND m.created_at >= ((p.today - ($2::int - 1 + 29))::timestamp AT TIME ZONE p.timezone)
     GROUP BY 1
  ), series AS (
    SELECT c.day, d.average, coalesce(d.entries, 0) AS entries,
           avg(d.average) OVER (ORDER BY c.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)::float8 AS ma7,
           avg(d.average) OVER (ORDER BY c.day ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)::float8 AS ma30
      FROM person p
     CROSS JOIN generate_series(p.today - ($2::int - 1 + 29), p.today, interval '1 day') AS g(at)
     CROSS JOIN LATERAL (SELECT g.at::date AS day) c
      LEFT JOIN per_day d USING (day)
  ), in_window AS (
    SELECT s.* FROM series s, person p WHERE s.day > p.today - $2::int
  ), weekdays AS (
    SELECT extract(isodow FROM day)::int AS weekday, avg(average)::float8 AS average
      FROM in_window WHERE average IS NOT NULL GROUP BY 1
  ), runs AS (
    SELECT max(day) AS last_day, count(*)::int AS length
      FROM (SELECT day, day - (row_number() OVER (ORDER BY day))::int AS island
              FROM (SELECT DISTINCT (m.created_at AT TIME ZONE p.timezone)::date AS day
                      FROM mood_entries m, person p
                     WHERE m.user_id = $1::uuid) entry_days) islands
     GROUP BY island
  )
  SELECT p.timezone,
         (SELECT json_agg(json_build_object('day', to_char(day, 'YYYY-MM-DD'), 'average', average,
                                            'entries', entries, 'movingAverage7', ma7,
                                            'movingAverage30', ma30) ORDER BY day)
            FROM in_window) AS daily,
         (SELECT regr_slope(average, (day - DATE '2000-01-03')::float8 / 7) FROM in_window)
           AS "trendPerWeek",
         best.weekday AS "bestWeekday", best.average AS "bestAverage",
         worst.weekday AS "worstWeekday", worst.average AS "worstAverage",
         (SELECT coalesce(max(length) FILTER (WHERE last_day >= p.today - 1), 0) FROM runs)::int
           AS "currentStreak",
         (SELECT coalesce(max(length), 0) FROM runs)::int AS "longestStreak"
    FROM person p
    LEFT JOIN LATERAL (SELECT * FROM weekdays ORDER BY average DESC, weekday LIMIT 1) best ON true
    LEFT JOIN LATERAL (SELECT * FROM weekdays ORDER BY average ASC, weekday LIMIT 1) worst ON true`);
