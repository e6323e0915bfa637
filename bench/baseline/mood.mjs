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
      const {
        rows: [account],
      } = await pool.query('SELECT timezone FROM users WHERE id = $1 LIMIT 1', [user.userId]);
      if (!account) throw new HttpProblem(401, 'This account no longer exists.');
      const { timezone } = account;
      const [daily, summary, streaks] = await Promise.all([
        pool.query(
          `WITH bounds AS (
           SELECT (now() AT TIME ZONE $2)::date AS today
         ), calendar AS (
           SELECT generate_series(today - ($3::int - 1), today, interval '1 day')::date AS day
             FROM bounds
         ), per_day AS (
           SELECT (m.created_at AT TIME ZONE $2)::date AS day,
                  avg(m.mood_score)::float8 AS average, count(*)::int AS entries
             FROM mood_entries m, bounds b
            WHERE m.user_id = $1::uuid
              AND m.created_at >= ((b.today - ($3::int - 1 + 29))::timestamp AT TIME ZONE $2)
            GROUP BY 1
         ), series AS (
           SELECT c.day, p.average, coalesce(p.entries, 0) AS entries,
                  avg(p.average) OVER (ORDER BY c.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS ma7,
                  avg(p.average) OVER (ORDER BY c.day ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS ma30
             FROM (SELECT generate_series(b.today - ($3::int - 1 + 29), b.today, interval '1 day')::date AS day
                     FROM bounds b) c
             LEFT JOIN per_day p USING (day)
         )
         SELECT to_char(s.day, 'YYYY-MM-DD') AS "day", s.average AS "average", s.entries AS "entries",
                s.ma7::float8 AS "movingAverage7", s.ma30::float8 AS "movingAverage30"
           FROM series s JOIN calendar USING (day)
          ORDER BY s.day`,
          [user.userId, timezone, days],
        ),
        pool.query(
          `WITH bounds AS (
           SELECT (now() AT TIME ZONE $2)::date AS today
         ), per_day AS (
           SELECT (m.created_at AT TIME ZONE $2)::date AS day, avg(m.mood_score)::float8 AS average
             FROM mood_entries m, bounds b
            WHERE m.user_id = $1::uuid
              AND m.created_at >= ((b.today - ($3::int - 1))::timestamp AT TIME ZONE $2)
            GROUP BY 1
         ), weekdays AS (
           SELECT extract(isodow FROM day)::int AS weekday, avg(average)::float8 AS average
             FROM per_day GROUP BY 1
         )
         SELECT (SELECT regr_slope(average, (day - DATE '2000-01-03')::float8 / 7) FROM per_day) AS "trendPerWeek",
                best.weekday AS "bestWeekday", best.average AS "bestAverage",
                worst.weekday AS "worstWeekday", worst.average AS "worstAverage"
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (SELECT * FROM weekdays ORDER BY average DESC, weekday LIMIT 1) best ON true
           LEFT JOIN LATERAL (SELECT * FROM weekdays ORDER BY average ASC, weekday LIMIT 1) worst ON true`,
          [user.userId, timezone, days],
        ),
        pool.query(
          `WITH days AS (
           SELECT DISTINCT (created_at AT TIME ZONE $2)::date AS day
             FROM mood_entries WHERE user_id = $1::uuid
         ), runs AS (
           SELECT max(day) AS last_day, count(*)::int AS length
             FROM (SELECT day, day - (row_number() OVER (ORDER BY day))::int AS island FROM days) islands
            GROUP BY island
         )
         SELECT coalesce(max(length) FILTER (
                  WHERE last_day >= (now() AT TIME ZONE $2)::date - 1), 0)::int AS "current",
                coalesce(max(length), 0)::int AS "longest"
           FROM runs`,
          [user.userId, timezone],
        ),
      ]);
      const [row] = summary.rows;
      const weekday = (isoWeekday, average) =>
        isoWeekday === null || average === null ? null : { isoWeekday, average };
      return {
        timezone,
        days,
        daily: daily.rows,
        trendPerWeek: row.trendPerWeek,
        bestWeekday: weekday(row.bestWeekday, row.bestAverage),
        worstWeekday: weekday(row.worstWeekday, row.worstAverage),
        currentStreak: streaks.rows[0].current,
        longestStreak: streaks.rows[0].longest,
      };
    },
  );
}
