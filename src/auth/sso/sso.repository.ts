import { Injectable } from '@nestjs/common';
import { type Cursor, newerThan } from '../../common/pagination/cursor.js';
import { type Db, PrismaService } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { newAnonymizedId } from '../../orgs/anonymized-id.js';
import { PUBLIC_USER_COLUMNS, type PublicUser } from '../users.repository.js';
import type { ProviderCandidate } from './sso-rules.js';
import { isUniqueViolation } from '../../database/unique-violation.js';

/**
 * Marks an account made by SSO: not an argon2 hash, so no password ever matches it (argon2
 * refuses to verify against it) until the person sets one.
 */
const NO_PASSWORD = '!sso-only';

const PROVIDER_COLUMNS = {
  id: true,
  orgId: true,
  issuer: true,
  clientId: true,
  emailDomains: true,
  tenantClaim: true,
  tenantId: true,
  createdAt: true,
} satisfies Prisma.IdentityProviderSelect;

export interface StoredProvider extends ProviderCandidate {
  issuer: string;
  emailDomains: string[];
  createdAt: Date;
}

type ProviderRow = Prisma.IdentityProviderGetPayload<{ select: typeof PROVIDER_COLUMNS }>;
const toStored = (row: ProviderRow): StoredProvider => ({
  ...row,
  emailDomains: row.emailDomains as string[],
});

export interface SsoSignIn {
  orgId: string;
  email: string;
  displayName: string | null;
  usedToken: { hash: string; expiresAt: Date };
  /** Read inside the sign-in's transaction, so a revocation meanwhile is seen. */
  domainVerified: (db: Db) => Promise<boolean>;
}

export type SsoSignInOutcome =
  | { outcome: 'signed-in'; user: PublicUser }
  | { outcome: 'replayed' | 'domain-unverified' | 'platform-admin' };

@Injectable()
export class SsoRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Registers a provider unless `refusal` objects to the issuer's existing providers, read under
   * a lock on the issuer so two organisations registering it at once are judged one after the
   * other. Answers the refusal's text instead of a row when refused.
   */
  async createBeside(
    data: Omit<StoredProvider, 'id' | 'createdAt'>,
    refusal: (existing: StoredProvider[]) => string | null,
  ): Promise<StoredProvider | string> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${data.issuer}))`;
        const existing = await tx.identityProvider.findMany({
          where: { issuer: data.issuer },
          select: PROVIDER_COLUMNS,
        });
        const refused = refusal(existing.map(toStored));
        if (refused) return refused;
        return toStored(await tx.identityProvider.create({ data, select: PROVIDER_COLUMNS }));
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        return 'This issuer and tenant are already registered.';
      }
      throw error;
    }
  }

  /** Oldest first (the order they were registered in), `limit + 1` rows. */
  async pageOfOrg(orgId: string, limit: number, cursor?: Cursor): Promise<StoredProvider[]> {
    const rows = await this.prisma.identityProvider.findMany({
      where: { orgId, ...newerThan(cursor) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
      select: PROVIDER_COLUMNS,
    });
    return rows.map(toStored);
  }

  async remove(orgId: string, id: string): Promise<number> {
    const { count } = await this.prisma.identityProvider.deleteMany({ where: { id, orgId } });
    return count;
  }

  async forIssuer(issuer: string): Promise<StoredProvider[]> {
    const rows = await this.prisma.identityProvider.findMany({
      where: { issuer },
      select: PROVIDER_COLUMNS,
    });
    return rows.map(toStored);
  }

  /**
   * One transaction: the domain is verified now, a platform admin's account is never used, the
   * token is spent, and an account is never left without the membership that justified it. A
   * refusal writes nothing.
   */
  signIn(input: SsoSignIn): Promise<SsoSignInOutcome> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await input.domainVerified(tx))) return { outcome: 'domain-unverified' };
      const existing = await tx.user.findUnique({
        where: { email: input.email },
        select: PUBLIC_USER_COLUMNS,
      });
      if (existing?.role === 'admin') return { outcome: 'platform-admin' };
      const spent = await tx.$executeRaw`
        INSERT INTO sso_used_tokens (token_hash, expires_at)
        VALUES (${input.usedToken.hash}, ${input.usedToken.expiresAt})
        ON CONFLICT (token_hash) DO NOTHING`;
      if (spent === 0) return { outcome: 'replayed' };
      // A new account is the person's own first sign-in: their name from their provider.
      const user =
        existing ??
        (await tx.user.create({
          data: { email: input.email, password: NO_PASSWORD, displayName: input.displayName },
          select: PUBLIC_USER_COLUMNS,
        }));
      await tx.employee.upsert({
        where: { orgId_userId: { orgId: input.orgId, userId: user.id } },
        create: {
          orgId: input.orgId,
          userId: user.id,
          anonymizedId: newAnonymizedId(),
          displayName: input.displayName,
        },
        update: {},
      });
      return { outcome: 'signed-in', user };
    });
  }

  /** Forgets used tokens once they have expired (they could not be exchanged any more). */
  async purgeUsedTokens(): Promise<number> {
    const { count } = await this.prisma.ssoUsedToken.deleteMany({
      where: { expiresAt: { lte: new Date() } },
    });
    return count;
  }
}
