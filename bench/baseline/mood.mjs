// POST /v1/mood and GET /v1/mood/stats, as the service's mood feature does them.
import { authenticate, cipher, HttpProblem, load, pool } from './context.mjs';

const { MOOD_STATS } = await load('mood/mood-stats.sql.js');

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
      // The service's own statement (MOOD_STATS), loaded from the build.
      const [row] = await MOOD_STATS.rows(pool, [user.userId, days]);
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
