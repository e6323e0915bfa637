import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';

const LISTED_COLUMNS = {
  id: true,
  name: true,
  clientId: true,
  scopes: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
} as const;

@Injectable()
export class ApiClientsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    orgId: string;
    name: string;
    clientId: string;
    secretHash: string;
    scopes: string[];
  }) {
    return this.prisma.apiClient.create({ data, select: LISTED_COLUMNS });
  }

  /** Newest first, `limit + 1` rows. */
  pageOfOrg(orgId: string, limit: number, cursor?: Cursor) {
    return this.prisma.apiClient.findMany({
      where: { orgId, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: LISTED_COLUMNS,
    });
  }

  findForAuthentication(clientId: string) {
    return this.prisma.apiClient.findUnique({
      where: { clientId },
      select: { clientId: true, orgId: true, secretHash: true, scopes: true, revokedAt: true },
    });
  }

  async isActive(clientId: string, orgId: string): Promise<boolean> {
    const count = await this.prisma.apiClient.count({
      where: { clientId, orgId, revokedAt: null },
    });
    return count === 1;
  }

  async touch(clientId: string): Promise<void> {
    await this.prisma.apiClient.update({ where: { clientId }, data: { lastUsedAt: new Date() } });
  }

  /** Revokes a client of `orgId`; answers whether there was one to revoke. */
  async revoke(orgId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.apiClient.updateMany({
      where: { id, orgId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }
}
