-- Hand-written: the organisation score, its dashboard and the mood statistics read many
-- entries of many members in a window. With the score in the index those reads never visit the table
-- (index-only scans), which the benchmark measured as the difference between seconds and
-- a few hundred milliseconds at 100,000 members. Prisma cannot declare INCLUDE columns.
CREATE INDEX "idx_mood_entries_user_id_created_at_score"
  ON "mood_entries" ("user_id", "created_at" DESC) INCLUDE ("mood_score");
