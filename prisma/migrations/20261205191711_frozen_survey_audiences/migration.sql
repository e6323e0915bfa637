-- AlterTable
ALTER TABLE "wellbeing_surveys" ADD COLUMN     "comments_min_group_size" INTEGER,
ADD COLUMN     "min_group_size" INTEGER,
ADD COLUMN     "participation_tallies" JSONB;

-- CreateTable
CREATE TABLE "survey_audiences" (
    "survey_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "department" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_audiences_pkey" PRIMARY KEY ("survey_id","employee_id")
);

-- CreateIndex
CREATE INDEX "idx_survey_audiences_employee_id" ON "survey_audiences"("employee_id");

-- AddForeignKey
ALTER TABLE "survey_audiences" ADD CONSTRAINT "survey_audiences_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "wellbeing_surveys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_audiences" ADD CONSTRAINT "survey_audiences_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma cannot express (written by hand).
ALTER TABLE "wellbeing_surveys" ADD CONSTRAINT "wellbeing_surveys_thresholds_check"
  CHECK (("min_group_size" IS NULL OR "min_group_size" >= 3)
     AND ("comments_min_group_size" IS NULL OR "comments_min_group_size" >= "min_group_size"));

-- Surveys opened before audiences were frozen: the organisation settings and members of now
-- are the best record there is of who could answer and under which thresholds.
UPDATE "wellbeing_surveys" s
   SET "min_group_size" = t.min_size,
       "comments_min_group_size" = greatest(t.min_size, t.comments_size)
  FROM (SELECT o."id",
               greatest(3, CASE WHEN jsonb_typeof(o."settings" -> 'minGroupSize') = 'number'
                                THEN ceil((o."settings" ->> 'minGroupSize')::numeric)::int
                                ELSE 5 END) AS min_size,
               CASE WHEN jsonb_typeof(o."settings" -> 'commentsMinGroupSize') = 'number'
                    THEN ceil((o."settings" ->> 'commentsMinGroupSize')::numeric)::int
                    ELSE 10 END AS comments_size
          FROM "organizations" o) AS t
 WHERE t."id" = s."org_id" AND s."status" <> 'draft';

INSERT INTO "survey_audiences" ("survey_id", "employee_id", "department", "created_at")
SELECT s."id", e."id", e."department", s."opened_at"
  FROM "wellbeing_surveys" s
  JOIN "employees" e ON e."org_id" = s."org_id"
 WHERE s."status" <> 'draft'
   AND (e."ended_at" IS NULL OR EXISTS (SELECT 1 FROM "survey_participations" p
                                         WHERE p."survey_id" = s."id" AND p."employee_id" = e."id"))
ON CONFLICT DO NOTHING;

UPDATE "wellbeing_surveys" s
   SET "participation_tallies" = coalesce(
         (SELECT jsonb_agg(jsonb_build_object('department', g.department, 'eligible', g.eligible,
                                              'responded', g.responded))
            FROM (SELECT a."department", count(*)::int AS eligible,
                         count(p."employee_id")::int AS responded
                    FROM "survey_audiences" a
                    LEFT JOIN "survey_participations" p
                           ON p."survey_id" = a."survey_id" AND p."employee_id" = a."employee_id"
                   WHERE a."survey_id" = s."id"
                   GROUP BY a."department") AS g), '[]'::jsonb)
 WHERE s."status" = 'closed';

-- Participations and responses keep the day the survey opened only: no date of their own that
-- could pair an answer with the person who gave it.
UPDATE "survey_participations" p SET "created_at" = date_trunc('day', s."opened_at", 'UTC')
  FROM "wellbeing_surveys" s WHERE s."id" = p."survey_id" AND s."opened_at" IS NOT NULL;
UPDATE "survey_responses" r SET "created_at" = date_trunc('day', s."opened_at", 'UTC')
  FROM "wellbeing_surveys" s WHERE s."id" = r."survey_id" AND s."opened_at" IS NOT NULL;

-- A response keeps its department only when that department of the audience reached the
-- threshold: in a smaller one, the department alone could name the respondent.
UPDATE "survey_responses" r SET "department" = NULL
  FROM "wellbeing_surveys" s
 WHERE s."id" = r."survey_id" AND r."department" IS NOT NULL
   AND (SELECT count(*) FROM "survey_audiences" a
         WHERE a."survey_id" = s."id" AND a."department" = r."department") < s."min_group_size";
