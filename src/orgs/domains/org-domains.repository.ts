import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../../common/pagination/cursor.js';
import { type Db, PrismaService } from '../../database/prisma.service.js';

const DOMAIN_COLUMNS = {
  id: true,
  domain: true,
  verificationToken: true,
  verifiedAt: true,
  createdAt: true,
} as const;

export interface StoredDomain {
  id: string;
  domain: string;
  verificationToken: string;
  verifiedAt: Date | null;
  createdAt: Date;
}

@Injectable()
export class OrgDomainsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The organisation's claim on a domain, made once: claiming again answers the same token. */
  async claim(orgId: string, domain: string, token: string): Promise<StoredDomain> {
    return this.prisma.orgDomain.upsert({
      where: { orgId_domain: { orgId, domain } },
      create: { orgId, domain, verificationToken: token },
      update: {},
      select: DOMAIN_COLUMNS,
    });
  }

  /** Newest claim first, `limit + 1` rows. */
  page(orgId: string, limit: number, cursor?: Cursor): Promise<StoredDomain[]> {
    return this.prisma.orgDomain.findMany({
      where: { orgId, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: DOMAIN_COLUMNS,
    });
  }

  find(orgId: string, domain: string): Promise<StoredDomain | null> {
    return this.prisma.orgDomain.findUnique({
      where: { orgId_domain: { orgId, domain } },
      select: DOMAIN_COLUMNS,
    });
  }

  /** Whether another organisation holds this domain verified. */
  async verifiedElsewhere(orgId: string, domain: string): Promise<boolean> {
    const row = await this.prisma.orgDomain.findFirst({
      where: { domain, verifiedAt: { not: null }, orgId: { not: orgId } },
      select: { id: true },
    });
    return row !== null;
  }

  /** Marks it verified; the partial unique index refuses a second organisation (P2002). */
  async markVerified(id: string): Promise<StoredDomain> {
    return this.prisma.orgDomain.update({
      where: { id },
      data: { verifiedAt: new Date() },
      select: DOMAIN_COLUMNS,
    });
  }

  async remove(orgId: string, domain: string): Promise<number> {
    const { count } = await this.prisma.orgDomain.deleteMany({ where: { orgId, domain } });
    return count;
  }

  /** The domains the organisation has verified, lower case (read in `db` when given). */
  async verified(orgId: string, db: Db = this.prisma): Promise<Set<string>> {
    const rows = await db.orgDomain.findMany({
      where: { orgId, verifiedAt: { not: null } },
      select: { domain: true },
    });
    return new Set(rows.map((row) => row.domain.toLowerCase()));
  }
}
