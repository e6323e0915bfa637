-- DropIndex
DROP INDEX "identity_providers_issuer_unique";

-- AlterTable
ALTER TABLE "refresh_tokens" ADD COLUMN     "sso_org_id" UUID;

-- AlterTable
ALTER TABLE "employees" ADD COLUMN     "display_name" TEXT,
ADD COLUMN     "org_role" TEXT NOT NULL DEFAULT 'member';

-- AlterTable
ALTER TABLE "identity_providers" ADD COLUMN     "tenant_claim" TEXT,
ADD COLUMN     "tenant_id" TEXT;

-- CreateTable
CREATE TABLE "organization_domains" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "domain" CITEXT NOT NULL,
    "verification_token" TEXT NOT NULL,
    "verified_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization_invitations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "email" CITEXT NOT NULL,
    "job_title" TEXT,
    "department" TEXT,
    "external_id" TEXT,
    "display_name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "responded_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_used_tokens" (
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_used_tokens_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_domains_org_id_domain_unique" ON "organization_domains"("org_id", "domain");

-- CreateIndex
CREATE INDEX "idx_organization_invitations_email_status" ON "organization_invitations"("email", "status");

-- CreateIndex
CREATE INDEX "idx_organization_invitations_org_id_created_at" ON "organization_invitations"("org_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_sso_used_tokens_expires_at" ON "sso_used_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "idx_refresh_tokens_sso_org_id_user_id" ON "refresh_tokens"("sso_org_id", "user_id");

-- CreateIndex
CREATE INDEX "idx_identity_providers_issuer" ON "identity_providers"("issuer");

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_sso_org_id_fkey" FOREIGN KEY ("sso_org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma cannot express (written by hand).

-- An issuer belongs to one organisation alone, or is shared by tenants that each name themselves: one row
-- per issuer and tenant, and at most one row of an issuer without a tenant.
CREATE UNIQUE INDEX "identity_providers_issuer_tenant_unique"
  ON "identity_providers" ("issuer", coalesce("tenant_id", ''));
ALTER TABLE "identity_providers" ADD CONSTRAINT "identity_providers_tenant_check"
  CHECK (("tenant_claim" IS NULL) = ("tenant_id" IS NULL));

-- A domain is verified for one organisation at most, whoever else claims it.
CREATE UNIQUE INDEX "organization_domains_verified_unique"
  ON "organization_domains" ("domain") WHERE "verified_at" IS NOT NULL;
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_domain_check"
  CHECK ("domain" = lower("domain") AND "domain" NOT LIKE '%.' AND position('.' IN "domain") > 1);

-- One open invitation of a person per organisation.
CREATE UNIQUE INDEX "organization_invitations_pending_unique"
  ON "organization_invitations" ("org_id", "email") WHERE "status" = 'pending';
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_status_check"
  CHECK ("status" IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired'));
ALTER TABLE "employees" ADD CONSTRAINT "employees_org_role_check"
  CHECK ("org_role" IN ('member', 'manager'));

-- Leading an organisation was the global manager role held by a member. It is now a property
-- of the membership, so members who led keep leading where they are members, and nowhere else.
UPDATE "employees" SET "org_role" = 'manager'
  WHERE "user_id" IN (SELECT "id" FROM "users" WHERE "role" = 'manager');
