import { Prisma } from '../generated/prisma/client.js';

/** A new entry as stored: the note already sealed (MOOD_NOTES), or nulls. */
export interface MoodEntryWrite {
  userId: string;
  moodScore: number;
  notes: string | null;
  encryptionKeyId: string | null;
}

/**
 * The entry and `alongside` (an INSERT of rows that must exist exactly when the entry does: the
 * outbox) as one statement, so they commit together without an interactive transaction. The
 * benchmark measured one statement at 2.5 times the requests per second of BEGIN, two inserts
 * and COMMIT through Prisma's transaction API. Composed with `Prisma.sql` because `alongside`
 * comes from another feature; run on the pool (poolRows), not by Prisma.
 */
export function moodEntryInsert(data: MoodEntryWrite, alongside: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH entry AS (
      INSERT INTO mood_entries (user_id, mood_score, notes, encryption_key_id)
      VALUES (${data.userId}::uuid, ${data.moodScore}::int, ${data.notes}, ${data.encryptionKeyId})
      RETURNING id, user_id AS "userId", mood_score AS "moodScore", notes,
                encryption_key_id AS "encryptionKeyId", created_at AS "createdAt"
    ), alongside AS (${alongside})
    SELECT * FROM entry`;
}
