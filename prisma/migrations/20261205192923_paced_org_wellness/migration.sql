-- AlterTable
ALTER TABLE "org_wellness_snapshots" ADD COLUMN     "min_group_size" INTEGER,
ADD COLUMN     "survey_id" UUID;

-- CreateTable
CREATE TABLE "org_wellness_contributions" (
    "org_id" UUID NOT NULL,
    "member_key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_wellness_contributions_pkey" PRIMARY KEY ("org_id","member_key")
);

-- AddForeignKey
ALTER TABLE "org_wellness_contributions" ADD CONSTRAINT "org_wellness_contributions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
