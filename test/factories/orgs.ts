import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaService } from '../../src/database/prisma.service.js';
import { newAnonymizedId } from '../../src/orgs/anonymized-id.js';
import { bearer, register } from '../support/auth-helpers.js';

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

/**
 * An organisation of `count` people registered through the API, each a member (the membership
 * written directly: tests that are not about joining start from here), each having recorded
 * one mood: `moodScores[i]` for the i-th person.
 */
export async function orgWithMoods(
  app: NestFastifyApplication,
  prisma: PrismaService,
  options: { name: string; minGroupSize: number; moodScores: number[] },
) {
  const org = await prisma.organization.create({
    data: { name: options.name, settings: { minGroupSize: options.minGroupSize } },
  });
  const label = options.name.toLowerCase();
  const people = await Promise.all(
    options.moodScores.map((_, i) => register(app, `${label}${i + 1}`)),
  );
  await prisma.employee.createMany({
    data: people.map((person) => ({
      userId: person.user.id,
      orgId: org.id,
      anonymizedId: newAnonymizedId(),
    })),
  });
  for (const [i, person] of people.entries()) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/mood',
      headers: bearer(person.accessToken),
      payload: { moodScore: options.moodScores[i] },
    });
    if (response.statusCode !== 201) throw new Error(`mood: ${response.body}`);
  }
  return { org, people };
}
