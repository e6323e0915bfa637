-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "encryption_key_id" TEXT;

-- Hand-written: a note always names the key that encrypted it.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_notes_key_check"
  CHECK ("notes" IS NULL OR "encryption_key_id" IS NOT NULL);
