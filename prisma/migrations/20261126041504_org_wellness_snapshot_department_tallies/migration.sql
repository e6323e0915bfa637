-- AlterTable
ALTER TABLE "org_wellness_snapshots" ADD COLUMN     "department_tallies" JSONB;
