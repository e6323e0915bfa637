-- AlterTable
ALTER TABLE "anonymous_rants" ADD COLUMN     "encryption_key_id" TEXT,
ADD COLUMN     "hidden_at" TIMESTAMPTZ(6);

-- CreateTable
CREATE TABLE "rant_supports" (
    "rant_id" UUID NOT NULL,
    "supporter_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rant_supports_pkey" PRIMARY KEY ("rant_id","supporter_hash")
);

-- AddForeignKey
ALTER TABLE "rant_supports" ADD CONSTRAINT "rant_supports_rant_id_fkey" FOREIGN KEY ("rant_id") REFERENCES "anonymous_rants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a post always names the key that encrypted it.
ALTER TABLE "anonymous_rants" ADD CONSTRAINT "anonymous_rants_content_key_check"
  CHECK ("encryption_key_id" IS NOT NULL);
