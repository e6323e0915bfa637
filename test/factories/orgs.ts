import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaService } from '../../src/database/prisma.service.js';

/** A domain no other test uses, under the reserved .test top-level domain. */
export function uniqueDomain(label = 'org'): string {
  return `${label}-${randomBytes(4).toString('hex')}.test`;
}

/**
 * Records `domain` as verified by the organisation, as a passed DNS check would. Tests that are
 * not about verification start from here; the DNS path itself is tested in tenancy.e2e-spec.ts.
 */
export async function verifiedDomain(
  prisma: PrismaService,
  orgId: string,
  domain: string = uniqueDomain(),
): Promise<string> {
  await prisma.orgDomain.create({
    data: { orgId, domain, verificationToken: 'test', verifiedAt: new Date() },
  });
  return domain;
}

/** Makes a member a manager of that organisation (and of no other). */
export async function makeManager(prisma: PrismaService, orgId: string, userId: string) {
  await prisma.employee.update({
    where: { orgId_userId: { orgId, userId } },
    data: { orgRole: 'manager' },
  });
}

/**
 * A session as the organisation's SSO begins it (the exchange itself is tested in
 * sso.e2e-spec.ts); answers its refresh token.
 */
export async function ssoSession(prisma: PrismaService, orgId: string, userId: string) {
  const token = `sso-session-${randomUUID()}`;
  await prisma.refreshToken.create({
    data: {
      token,
      userId,
      familyId: randomUUID(),
      ssoOrgId: orgId,
      expiresAt: new Date(Date.now() + 3600_000),
    },
  });
  return token;
}
