import { Injectable } from '@nestjs/common';
import { type Cursor, newerThan } from '../common/pagination/cursor.js';
import { type Db, PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ProviderCandidate } from './sso-rules.js';
import { isUniqueViolation } from '../database/unique-violation.js';

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
   * Spends a used ID token: answers false when it was spent before (a replay). Give it the
   * sign-in's transaction, so a refused sign-in leaves the token unspent.
   */
  async spendToken(tx: Db, token: { hash: string; expiresAt: Date }): Promise<boolean> {
    const spent = await tx.$executeRaw`
      INSERT INTO sso_used_tokens (token_hash, expires_at)
      VALUES (${token.hash}, ${token.expiresAt})
      ON CONFLICT (token_hash) DO NOTHING`;
    return spent === 1;
  }

  /** Forgets used tokens once they have expired (they could not be exchanged any more). */
  async purgeUsedTokens(): Promise<number> {
    const { count } = await this.prisma.ssoUsedToken.deleteMany({
      where: { expiresAt: { lte: new Date() } },
    });
    return count;
  }
}
