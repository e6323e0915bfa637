-- Hand-written: tokens issued before sessions had families cannot join one, so those sessions
-- end here and their users sign in again (a new NOT NULL column needs every row to have it).
DELETE FROM "refresh_tokens";

-- AlterTable
ALTER TABLE "refresh_tokens" ADD COLUMN     "family_id" UUID NOT NULL,
ADD COLUMN     "rotated_at" TIMESTAMPTZ(6);

-- CreateIndex
CREATE INDEX "idx_refresh_tokens_family_id" ON "refresh_tokens"("family_id");
