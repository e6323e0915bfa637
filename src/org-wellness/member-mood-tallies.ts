import { Prisma } from '../generated/prisma/client.js';
import { MOOD_WINDOW_DAYS } from './wellness-score.js';

/**
 * The common start of the statements that read an organisation's moods, as `WITH` items for the
 * statement to continue:
 * - `members`: the active members' user ids and departments, in user_id order (the index's), so
 *   each index page is read once rather than once per member on it;
 * - `person_means`: each member's user id, department and mean mood over the window, null when
 *   they logged none: one range of idx_mood_entries_user_id_created_at_score each (index-only);
 * - `department_tallies`: per department, members, members active in the window and the sum of
 *   their means mapped to 0..100, the mood component's terms (DepartmentTally). Grouped in SQL,
 *   so no person's figures leave the database.
 */
export function memberMoodCtes(orgId: string): Prisma.Sql {
  return Prisma.sql`
    members AS MATERIALIZED (
      SELECT user_id, department FROM employees
       WHERE org_id = ${orgId}::uuid AND ended_at IS NULL
       ORDER BY user_id
    ), person_means AS (
      SELECT mb.user_id, mb.department, p.mean
        FROM members mb
        CROSS JOIN LATERAL (
          SELECT avg(m.mood_score) AS mean
            FROM mood_entries m
           WHERE m.user_id = mb.user_id
             AND m.created_at >= now() - make_interval(days => ${MOOD_WINDOW_DAYS}::int)) p
    ), department_tallies AS (
      SELECT department, count(*)::int AS members, count(mean)::int AS active,
             coalesce(sum((mean - 1) / 9 * 100), 0)::float8 AS "moodSum"
        FROM person_means
       GROUP BY department
    )`;
}

/**
 * After memberMoodCtes: `contributions`, each active member's keyed hashes (see
 * OrgWellnessContribution): who they are, and who they are with their mean mood, under `key`.
 */
export function contributionsCte(key: string): Prisma.Sql {
  return Prisma.sql`
    contributions AS (
      SELECT encode(sha256(convert_to(${key} || ':' || user_id::text, 'UTF8')), 'hex') AS member_key,
             encode(sha256(convert_to(${key} || ':' || user_id::text || ':' || round(mean, 6)::text,
                                      'UTF8')), 'hex') AS fingerprint
        FROM person_means
       WHERE mean IS NOT NULL
    )`;
}
