-- AlterTable
ALTER TABLE "mood_entries" ADD COLUMN     "encryption_key_id" TEXT;

-- AlterTable
ALTER TABLE "journals" ADD COLUMN     "encryption_key_id" TEXT;

-- Hand-written: encrypted text always names the key that encrypted it.
ALTER TABLE "mood_entries" ADD CONSTRAINT "mood_entries_notes_key_check"
  CHECK ("notes" IS NULL OR "encryption_key_id" IS NOT NULL);
ALTER TABLE "journals" ADD CONSTRAINT "journals_content_key_check"
  CHECK ("encryption_key_id" IS NOT NULL);
