-- AlterTable
ALTER TABLE "outbox_events" ADD COLUMN     "set_aside_at" TIMESTAMPTZ(6),
ADD COLUMN     "set_aside_reason" TEXT;

-- Rows set aside wait for an operator: the relay reads past them, and counts them cheaply.
DROP INDEX "idx_outbox_events_pending";
CREATE INDEX "idx_outbox_events_pending" ON "outbox_events" ("created_at")
  WHERE "relayed_at" IS NULL AND "set_aside_at" IS NULL;
CREATE INDEX "idx_outbox_events_set_aside" ON "outbox_events" ("job_name")
  WHERE "set_aside_at" IS NOT NULL;
