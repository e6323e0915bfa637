-- AlterTable
ALTER TABLE "employees" ADD COLUMN     "ended_at" TIMESTAMPTZ(6),
ADD COLUMN     "external_id" TEXT,
ADD COLUMN     "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "wellbeing_surveys" ADD COLUMN     "closed_at" TIMESTAMPTZ(6),
ADD COLUMN     "created_by" UUID,
ADD COLUMN     "opened_at" TIMESTAMPTZ(6),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'draft',
ADD COLUMN     "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "is_active" SET DEFAULT false;

-- AlterTable
ALTER TABLE "survey_responses" ADD COLUMN     "department" TEXT;

-- CreateTable
CREATE TABLE "survey_participations" (
    "survey_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_participations_pkey" PRIMARY KEY ("survey_id","employee_id")
);

-- CreateTable
CREATE TABLE "org_wellness_snapshots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "wellness_score" DOUBLE PRECISION,
    "mood_score" DOUBLE PRECISION,
    "survey_score" DOUBLE PRECISION,
    "member_count" INTEGER NOT NULL,
    "active_members" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_wellness_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_subscriptions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "encryption_key_id" TEXT NOT NULL,
    "disabled_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "subscription_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "job_name" TEXT NOT NULL,
    "job_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "relayed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_survey_participations_employee_id" ON "survey_participations"("employee_id");

-- CreateIndex
CREATE INDEX "idx_org_wellness_snapshots_org_id_created_at" ON "org_wellness_snapshots"("org_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_webhook_subscriptions_org_id" ON "webhook_subscriptions"("org_id");

-- CreateIndex
CREATE INDEX "idx_webhook_deliveries_subscription_id" ON "webhook_deliveries"("subscription_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_webhook_deliveries_status" ON "webhook_deliveries"("status");

-- CreateIndex
CREATE UNIQUE INDEX "employees_org_id_external_id_unique" ON "employees"("org_id", "external_id");

-- CreateIndex
CREATE INDEX "idx_wellbeing_surveys_created_by" ON "wellbeing_surveys"("created_by");

-- CreateIndex
CREATE INDEX "idx_survey_responses_survey_id_department" ON "survey_responses"("survey_id", "department");

-- AddForeignKey
ALTER TABLE "wellbeing_surveys" ADD CONSTRAINT "wellbeing_surveys_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "wellbeing_surveys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_wellness_snapshots" ADD CONSTRAINT "org_wellness_snapshots_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below.

-- Surveys move draft, open, closed, and is_active (the column of the document) says open, always.
UPDATE "wellbeing_surveys" SET "status" = CASE WHEN "is_active" THEN 'open' ELSE 'closed' END;
ALTER TABLE "wellbeing_surveys" ADD CONSTRAINT "wellbeing_surveys_status_check"
  CHECK ("status" IN ('draft', 'open', 'closed'));
ALTER TABLE "wellbeing_surveys" ADD CONSTRAINT "wellbeing_surveys_is_active_check"
  CHECK ("is_active" = ("status" = 'open'));

-- Responses and participations keep the day only (UTC), so neither can be matched to the other
-- by time. The database refuses a finer time whatever code writes the row.
UPDATE "survey_responses" SET "created_at" = date_trunc('day', "created_at", 'UTC');
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_created_at_day_check"
  CHECK ("created_at" = date_trunc('day', "created_at", 'UTC'));
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_created_at_day_check"
  CHECK ("created_at" = date_trunc('day', "created_at", 'UTC'));

-- The privacy threshold is never below 3 when it is set.
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_min_group_size_check"
  CHECK (NOT ("settings" ? 'minGroupSize')
     OR (jsonb_typeof("settings" -> 'minGroupSize') = 'number'
         AND ("settings" ->> 'minGroupSize')::numeric >= 3));

-- Scores are 0 to 100, counts are not negative.
ALTER TABLE "org_wellness_snapshots" ADD CONSTRAINT "org_wellness_snapshots_scores_check"
  CHECK (("wellness_score" IS NULL OR "wellness_score" BETWEEN 0 AND 100)
     AND ("mood_score" IS NULL OR "mood_score" BETWEEN 0 AND 100)
     AND ("survey_score" IS NULL OR "survey_score" BETWEEN 0 AND 100)
     AND "member_count" >= 0 AND "active_members" BETWEEN 0 AND "member_count");

-- Webhooks: an http(s) address, a list of events, known delivery states.
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_url_check"
  CHECK ("url" ~ '^https?://');
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_events_check"
  CHECK ("events" IS NOT NULL AND cardinality("events") > 0);
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_status_check"
  CHECK ("status" IN ('pending', 'delivered', 'failed'));
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_attempts_check"
  CHECK ("attempts" >= 0);

-- The relay reads only what is still to be relayed.
CREATE INDEX "idx_outbox_events_pending" ON "outbox_events" ("created_at")
  WHERE "relayed_at" IS NULL;
