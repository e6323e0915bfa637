// Buddy profiles, added step by step between the passes the bench times.
import { GOALS, INTERESTS } from './vocabulary.mjs';
import { memberIdSql } from './sql.mjs';

/**
 * Opts members `from`..`to` of the organisation seeded under `key` in to buddy matching: 3 to 6
 * interests of 40 (popular ones more often), 1 to 3 goals, a block of preferred hours, hours in
 * UTC converted at the zone's current offset (as the app does), and an active match for one
 * in fifty.
 */
export async function seedBuddyProfiles(db, { key, from, to }) {
  await db.query(
    `INSERT INTO buddy_profiles (user_id, interests, goals, preferred_hours, timezone, utc_hours,
                                 utc_offset_minutes, created_at, updated_at)
     SELECT u.id, x.interests, x.goals, x.hours, u.timezone, x.utc_hours, o.offset_minutes,
            now() - interval '60 days', now() - interval '60 days'
       FROM generate_series($1::int, $2::int) AS i
       JOIN users u ON u.id = ${memberIdSql(key, 'i')}
      CROSS JOIN LATERAL (
        SELECT (extract(epoch FROM (now() AT TIME ZONE u.timezone) - (now() AT TIME ZONE 'UTC')) / 60)::int
               AS offset_minutes) AS o
      CROSS JOIN LATERAL (
        SELECT ARRAY(SELECT DISTINCT ($3::text[])[1 + floor(power(random(), 1.7) * 40)::int]
                       FROM generate_series(1, 3 + i % 4) AS n WHERE i > 0) AS interests,
               ARRAY(SELECT DISTINCT ($4::text[])[1 + floor(random() * 8)::int]
                       FROM generate_series(1, 1 + i % 3) AS n WHERE i > 0) AS goals,
               ARRAY(SELECT h::smallint FROM generate_series(7 + i % 12, least(23, 7 + i % 12 + i % 4)) AS h)
                 AS hours,
               ARRAY(SELECT DISTINCT (((floor((h * 60 - o.offset_minutes) / 60.0)::int % 24) + 24) % 24)::smallint
                       FROM generate_series(7 + i % 12, least(23, 7 + i % 12 + i % 4)) AS h
                      ORDER BY 1) AS utc_hours) AS x`,
    [from, to, INTERESTS, GOALS],
  );
  await db.query(
    `INSERT INTO buddy_matches (user_a_id, user_b_id, compatibility_score, status, created_at)
     SELECT ${memberIdSql(key, 'i')}, ${memberIdSql(key, '(i + 1)')}, 0.5, 'active', now() - interval '30 days'
       FROM generate_series($1::int, $2::int - 1) AS i
      WHERE i % 50 = 0`,
    [from, to],
  );
}
