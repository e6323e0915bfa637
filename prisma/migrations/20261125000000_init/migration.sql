-- Extensions the schema relies on (hand-written: Prisma does not manage them here).
-- citext makes users.email unique whatever its case, and btree_gist lets one exclusion constraint
-- mix the therapist id (equality) with a time range (overlap).
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" CITEXT NOT NULL,
    "password" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'individual',
    "display_name" TEXT,
    "avatar_url" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "preferences" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "token" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "mood_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "mood_score" INTEGER NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mood_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "mood_score" INTEGER,
    "content" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "is_private" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wellness_assessments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID,
    "assessment_type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wellness_assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_responses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assessment_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "responses" JSONB NOT NULL,
    "total_score" INTEGER NOT NULL,
    "category_scores" JSONB NOT NULL DEFAULT '{}',
    "recommendations" JSONB NOT NULL DEFAULT '[]',
    "completed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "anonymous_rants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "anonymous_token" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sentiment_score" DOUBLE PRECISION,
    "support_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anonymous_rants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "buddy_matches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_a_id" UUID NOT NULL,
    "user_b_id" UUID NOT NULL,
    "compatibility_score" DOUBLE PRECISION,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "buddy_matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "therapists" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "specialization" TEXT NOT NULL,
    "license_number" TEXT NOT NULL,
    "profile_url" TEXT,
    "rating" DOUBLE PRECISION,
    "availability" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "therapists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appointments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "therapist_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "start_time" TIMESTAMPTZ(6) NOT NULL,
    "end_time" TIMESTAMPTZ(6) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appointments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "admin_user_id" UUID,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "wellness_score" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employees" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "job_title" TEXT,
    "department" TEXT,
    "anonymized_id" TEXT NOT NULL,
    "wellness_streak" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "employees_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wellbeing_surveys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wellbeing_surveys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_responses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "survey_id" UUID NOT NULL,
    "anonymous_token" TEXT NOT NULL,
    "responses" JSONB NOT NULL,
    "wellness_score" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "courses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "difficulty" TEXT NOT NULL,
    "thumbnail_url" TEXT,
    "modules" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_unique" ON "users"("email");

-- CreateIndex
CREATE INDEX "idx_refresh_tokens_user_id" ON "refresh_tokens"("user_id");

-- CreateIndex
CREATE INDEX "idx_refresh_tokens_expires_at" ON "refresh_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "idx_mood_entries_user_id_created_at" ON "mood_entries"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_journals_user_id_created_at" ON "journals"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_wellness_assessments_user_id" ON "wellness_assessments"("user_id");

-- CreateIndex
CREATE INDEX "idx_wellness_assessments_type_active" ON "wellness_assessments"("assessment_type", "is_active");

-- CreateIndex
CREATE INDEX "idx_assessment_responses_user_id_completed_at" ON "assessment_responses"("user_id", "completed_at" DESC);

-- CreateIndex
CREATE INDEX "idx_assessment_responses_assessment_id" ON "assessment_responses"("assessment_id");

-- CreateIndex
CREATE UNIQUE INDEX "anonymous_rants_anonymous_token_unique" ON "anonymous_rants"("anonymous_token");

-- CreateIndex
CREATE INDEX "idx_anonymous_rants_created_at" ON "anonymous_rants"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "idx_anonymous_rants_support_count" ON "anonymous_rants"("support_count" DESC, "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_buddy_matches_user_a_id" ON "buddy_matches"("user_a_id", "status");

-- CreateIndex
CREATE INDEX "idx_buddy_matches_user_b_id" ON "buddy_matches"("user_b_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "therapists_license_number_unique" ON "therapists"("license_number");

-- CreateIndex
CREATE INDEX "idx_therapists_specialization" ON "therapists"("specialization");

-- CreateIndex
CREATE INDEX "idx_appointments_therapist_id_start_time" ON "appointments"("therapist_id", "start_time");

-- CreateIndex
CREATE INDEX "idx_appointments_user_id_start_time" ON "appointments"("user_id", "start_time" DESC);

-- CreateIndex
CREATE INDEX "idx_organizations_admin_user_id" ON "organizations"("admin_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "employees_anonymized_id_unique" ON "employees"("anonymized_id");

-- CreateIndex
CREATE INDEX "idx_employees_user_id" ON "employees"("user_id");

-- CreateIndex
CREATE INDEX "idx_employees_org_id_department" ON "employees"("org_id", "department");

-- CreateIndex
CREATE UNIQUE INDEX "employees_org_id_user_id_unique" ON "employees"("org_id", "user_id");

-- CreateIndex
CREATE INDEX "idx_wellbeing_surveys_org_id_created_at" ON "wellbeing_surveys"("org_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "survey_responses_survey_id_anonymous_token_unique" ON "survey_responses"("survey_id", "anonymous_token");

-- CreateIndex
CREATE INDEX "idx_courses_difficulty" ON "courses"("difficulty");

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mood_entries" ADD CONSTRAINT "mood_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journals" ADD CONSTRAINT "journals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wellness_assessments" ADD CONSTRAINT "wellness_assessments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_responses" ADD CONSTRAINT "assessment_responses_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "wellness_assessments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_responses" ADD CONSTRAINT "assessment_responses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buddy_matches" ADD CONSTRAINT "buddy_matches_user_a_id_fkey" FOREIGN KEY ("user_a_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buddy_matches" ADD CONSTRAINT "buddy_matches_user_b_id_fkey" FOREIGN KEY ("user_b_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "therapists"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_admin_user_id_fkey" FOREIGN KEY ("admin_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employees" ADD CONSTRAINT "employees_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employees" ADD CONSTRAINT "employees_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wellbeing_surveys" ADD CONSTRAINT "wellbeing_surveys_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "wellbeing_surveys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written below: the rules schema.prisma cannot express. The database refuses what breaks
-- them, whatever code path writes the row.

-- Enum-like text columns stay text (as the schema document says), guarded by CHECKs.
ALTER TABLE "users" ADD CONSTRAINT "users_role_check"
  CHECK ("role" IN ('individual', 'manager', 'admin'));
ALTER TABLE "wellness_assessments" ADD CONSTRAINT "wellness_assessments_assessment_type_check"
  CHECK ("assessment_type" IN ('phq9', 'gad7', 'who5', 'pss10', 'custom'));
ALTER TABLE "buddy_matches" ADD CONSTRAINT "buddy_matches_status_check"
  CHECK ("status" IN ('pending', 'active', 'declined', 'ended', 'blocked'));
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_status_check"
  CHECK ("status" IN ('booked', 'cancelled', 'completed', 'no_show'));
ALTER TABLE "courses" ADD CONSTRAINT "courses_difficulty_check"
  CHECK ("difficulty" IN ('beginner', 'intermediate', 'advanced'));

-- Ranges.
ALTER TABLE "mood_entries" ADD CONSTRAINT "mood_entries_mood_score_check"
  CHECK ("mood_score" BETWEEN 1 AND 10);
ALTER TABLE "journals" ADD CONSTRAINT "journals_mood_score_check"
  CHECK ("mood_score" IS NULL OR "mood_score" BETWEEN 1 AND 10);
ALTER TABLE "assessment_responses" ADD CONSTRAINT "assessment_responses_total_score_check"
  CHECK ("total_score" >= 0);
ALTER TABLE "anonymous_rants" ADD CONSTRAINT "anonymous_rants_sentiment_score_check"
  CHECK ("sentiment_score" IS NULL OR "sentiment_score" BETWEEN -1 AND 1);
ALTER TABLE "anonymous_rants" ADD CONSTRAINT "anonymous_rants_support_count_check"
  CHECK ("support_count" >= 0);
ALTER TABLE "buddy_matches" ADD CONSTRAINT "buddy_matches_compatibility_score_check"
  CHECK ("compatibility_score" IS NULL OR "compatibility_score" BETWEEN 0 AND 1);
ALTER TABLE "therapists" ADD CONSTRAINT "therapists_rating_check"
  CHECK ("rating" IS NULL OR "rating" BETWEEN 0 AND 5);
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_wellness_score_check"
  CHECK ("wellness_score" IS NULL OR "wellness_score" BETWEEN 0 AND 100);
ALTER TABLE "employees" ADD CONSTRAINT "employees_wellness_streak_check"
  CHECK ("wellness_streak" >= 0);
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_wellness_score_check"
  CHECK ("wellness_score" IS NULL OR "wellness_score" BETWEEN 0 AND 100);
ALTER TABLE "courses" ADD CONSTRAINT "courses_duration_minutes_check"
  CHECK ("duration_minutes" > 0);

-- No one is their own buddy, and a pair has at most one live match whatever the order.
ALTER TABLE "buddy_matches" ADD CONSTRAINT "buddy_matches_distinct_users_check"
  CHECK ("user_a_id" <> "user_b_id");
CREATE UNIQUE INDEX "buddy_matches_live_pair_unique" ON "buddy_matches"
  (LEAST("user_a_id", "user_b_id"), GREATEST("user_a_id", "user_b_id"))
  WHERE "status" IN ('pending', 'active');

-- The time of a therapist is never booked twice: overlapping appointments that are not cancelled are
-- refused by the database itself (SQLSTATE 23P01), even under concurrent bookings.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_time_order_check"
  CHECK ("end_time" > "start_time");
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_therapist_no_overlap"
  EXCLUDE USING gist ("therapist_id" WITH =, tstzrange("start_time", "end_time") WITH &&)
  WHERE ("status" <> 'cancelled');
