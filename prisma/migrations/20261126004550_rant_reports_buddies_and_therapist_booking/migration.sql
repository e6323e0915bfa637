-- AlterTable
ALTER TABLE "anonymous_rants" ADD COLUMN     "report_count" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "therapists" ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "appointments" ALTER COLUMN "status" SET DEFAULT 'pending';

-- CreateTable
CREATE TABLE "rant_reports" (
    "rant_id" UUID NOT NULL,
    "reporter_hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rant_reports_pkey" PRIMARY KEY ("rant_id","reporter_hash")
);

-- CreateTable
CREATE TABLE "buddy_profiles" (
    "user_id" UUID NOT NULL,
    "interests" TEXT[],
    "goals" TEXT[],
    "preferred_hours" SMALLINT[],
    "timezone" TEXT NOT NULL,
    "utc_hours" SMALLINT[],
    "utc_offset_minutes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "buddy_profiles_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "buddy_candidates" (
    "user_id" UUID NOT NULL,
    "candidate_id" UUID NOT NULL,
    "compatibility_score" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "buddy_candidates_pkey" PRIMARY KEY ("user_id","candidate_id")
);

-- CreateIndex
CREATE INDEX "idx_buddy_profiles_interests" ON "buddy_profiles" USING GIN ("interests");

-- CreateIndex
CREATE INDEX "idx_buddy_profiles_utc_offset" ON "buddy_profiles"("utc_offset_minutes");

-- CreateIndex
CREATE INDEX "idx_buddy_candidates_user_score" ON "buddy_candidates"("user_id", "compatibility_score" DESC);

-- CreateIndex
CREATE INDEX "idx_buddy_candidates_candidate_id" ON "buddy_candidates"("candidate_id");

-- CreateIndex
CREATE INDEX "idx_anonymous_rants_report_count" ON "anonymous_rants"("report_count" DESC);

-- AddForeignKey
ALTER TABLE "rant_reports" ADD CONSTRAINT "rant_reports_rant_id_fkey" FOREIGN KEY ("rant_id") REFERENCES "anonymous_rants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buddy_profiles" ADD CONSTRAINT "buddy_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buddy_candidates" ADD CONSTRAINT "buddy_candidates_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buddy_candidates" ADD CONSTRAINT "buddy_candidates_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below.

-- Reports: a count that cannot go negative, and reasons from a fixed list.
ALTER TABLE "anonymous_rants" ADD CONSTRAINT "anonymous_rants_report_count_check"
  CHECK ("report_count" >= 0);
ALTER TABLE "rant_reports" ADD CONSTRAINT "rant_reports_reason_check"
  CHECK ("reason" IN ('harassment', 'hate', 'self_harm', 'personal_information', 'spam', 'other'));

-- Appointments follow pending, confirmed, completed, cancelled, no_show. A booked row of the
-- first schema is a confirmed one.
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_status_check";
UPDATE "appointments" SET "status" = 'confirmed' WHERE "status" = 'booked';
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_status_check"
  CHECK ("status" IN ('pending', 'confirmed', 'completed', 'cancelled', 'no_show'));

-- Lists are never NULL, only empty.
ALTER TABLE "therapists" ADD CONSTRAINT "therapists_languages_check"
  CHECK ("languages" IS NOT NULL);
ALTER TABLE "buddy_profiles" ADD CONSTRAINT "buddy_profiles_lists_check"
  CHECK ("interests" IS NOT NULL AND "goals" IS NOT NULL
     AND "preferred_hours" IS NOT NULL AND "utc_hours" IS NOT NULL);
ALTER TABLE "buddy_profiles" ADD CONSTRAINT "buddy_profiles_hours_check"
  CHECK (0 <= ALL ("preferred_hours") AND 23 >= ALL ("preferred_hours")
     AND 0 <= ALL ("utc_hours") AND 23 >= ALL ("utc_hours"));

-- A candidate is someone else, scored 0 to 1.
ALTER TABLE "buddy_candidates" ADD CONSTRAINT "buddy_candidates_distinct_users_check"
  CHECK ("user_id" <> "candidate_id");
ALTER TABLE "buddy_candidates" ADD CONSTRAINT "buddy_candidates_score_check"
  CHECK ("compatibility_score" BETWEEN 0 AND 1);
