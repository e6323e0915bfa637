import { PoolStatement } from '../database/pool-statement.js';
import type { StoredJournal } from './journals.repository.js';

/**
 * A page of the person's journal entries for GET /v1/journals, newest first, through the pool
 * (PoolStatement) rather than Prisma: `limit + 1` rows, only those at or after `from`, before
 * `to`, carrying `tag`, and after the cursor (its time and id) in that order, each filter left
 * out when its parameter is null. The pool's statements are planned with their parameters, so a
 * null filter costs nothing; `created_at <= cursor` keeps the cursor inside the index range of
 * idx_journals_user_id_created_at.
 */
export const JOURNALS_PAGE = new PoolStatement<
  [
    userId: string,
    from: Date | null,
    to: Date | null,
    tag: string | null,
    cursorCreatedAt: Date | null,
    cursorId: string | null,
    rows: number,
  ],
  StoredJournal
>(
  `SELECT id, user_id AS "userId", content, encryption_key_id AS "encryptionKeyId",
          mood_score AS "moodScore", tags, is_private AS "isPrivate", created_at AS "createdAt"
     FROM journals
    WHERE user_id = $1::uuid
      AND ($2::timestamptz IS NULL OR created_at >= $2::timestamptz)
      AND ($3::timestamptz IS NULL OR created_at < $3::timestamptz)
      AND ($4::text IS NULL OR tags @> jsonb_build_array($4::text))
      AND ($5::timestamptz IS NULL OR (created_at <= $5::timestamptz
           AND (created_at < $5::timestamptz OR id < $6::uuid)))
    ORDER BY created_at DESC, id DESC
    LIMIT $7::int`,
);
