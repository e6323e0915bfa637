// POST /v1/mood and GET /v1/mood/stats, as the service's mood feature does them.
import { authenticate, cipher, HttpProblem, pool } from './context.mjs';

const notesContext = (userId) => `mood_entries.notes:${userId}`;

export function registerMoodRoutes(app) {
  app.post(
    '/v1/mood',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['moodScore'],
          properties: {
            moodScore: { type: 'integer', minimum: 1, maximum: 10 },
            notes: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (request, reply) => {
      const user = await authenticate(request);
      const { moodScore, notes } = request.body;
      const sealed = notes ? cipher.encrypt(notes, notesContext(user.userId)) : null;
      // The entry and its outbox rows in one statement, as the service writes them.
      const {
        rows: [row],
      } = await pool.query(
        `WITH entry AS (
           INSERT INTO mood_entries (user_id, mood_score, notes, encryption_key_id)
           VALUES ($1::uuid, $2::int, $3, $4)
           RETURNING id, user_id, mood_score, notes, encryption_key_id, created_at
         ), alongside AS (
           INSERT INTO outbox_events (job_name, job_key, payload)
           SELECT $5, org_id::text, jsonb_build_object('orgId', org_id::text)
             FROM employees
            WHERE user_id = $1::uuid AND ended_at IS NULL
         )
         SELECT * FROM entry`,
        [
          user.userId,
          moodScore,
          sealed?.ciphertext ?? null,
          sealed?.keyId ?? null,
          'orgs.recompute-wellness',
        ],
      );
      void reply.code(201);
      return {
        id: row.id,
        moodScore: row.mood_score,
        notes: row.notes
          ? cipher.decrypt(
              { keyId: row.encryption_key_id, ciphertext: row.notes },
              notesContext(row.user_id),
            )
          : null,
        createdAt: row.created_at,
      };
    },
  );

  app.get(
    '/v1/mood/stats',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { days: { type: 'integer', minimum: 1, maximum: 365 } },
        },
      },
    },
    async (request) => {
      const user = await authenticate(request);
      const days = request.query.days ?? 30;
      // The service's statement (MoodRepository.stats), parameters numbered.
      const {
        rows: [row],
      } = await pool.query(
        `WITH person AS (
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
        LEFT JOIN LATERAL (SELECT * FROM weekdays ORDER BY average ASC, weekday LIMIT 1) worst ON true`,
        [user.userId, days],
      );
      if (!row) throw new HttpProblem(401, 'This account no longer exists.');
      const weekday = (isoWeekday, average) =>
        isoWeekday === null || average === null ? null : { isoWeekday, average };
      return {
        timezone: row.timezone,
        days,
        daily: row.daily,
        trendPerWeek: row.trendPerWeek,
        bestWeekday: weekday(row.bestWeekday, row.bestAverage),
        worstWeekday: weekday(row.worstWeekday, row.worstAverage),
        currentStreak: row.currentStreak,
        longestStreak: row.longestStreak,
      };
    },
  );
}
