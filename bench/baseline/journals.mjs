// GET /v1/journals, a page of decrypted entries, as the service's journals feature reads them.
import { Buffer } from 'node:buffer';
import { authenticate, cipher, pool } from './context.mjs';

const contentContext = (userId) => `journals.content:${userId}`;
const encodeCursor = (row) =>
  Buffer.from(`${row.created_at.toISOString()}|${row.id}`).toString('base64url');

export function registerJournalRoutes(app) {
  app.get(
    '/v1/journals',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100 },
            cursor: { type: 'string', maxLength: 200 },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            tag: { type: 'string', maxLength: 32 },
          },
        },
      },
    },
    async (request) => {
      const user = await authenticate(request);
      const limit = request.query.limit ?? 20;
      const { rows } = await pool.query(
        `SELECT id, user_id, mood_score, content, encryption_key_id, tags, is_private, created_at
         FROM journals
        WHERE user_id = $1
        ORDER BY created_at DESC, id DESC
        LIMIT $2`,
        [user.userId, limit + 1],
      );
      const kept = rows.slice(0, limit);
      return {
        items: kept.map((row) => ({
          id: row.id,
          content: cipher.decrypt(
            { keyId: row.encryption_key_id ?? '', ciphertext: row.content },
            contentContext(row.user_id),
          ),
          moodScore: row.mood_score,
          tags: row.tags ?? [],
          isPrivate: row.is_private,
          createdAt: row.created_at,
        })),
        nextCursor: rows.length > limit ? encodeCursor(kept.at(-1)) : null,
      };
    },
  );
}
