import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../../common/pagination/cursor.js';
import { type Db, PrismaService } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { newAnonymizedId } from '../anonymized-id.js';
import { type OrgSettings, readOrgSettings } from '../org-settings.js';

/** A Prisma client or an open transaction of one. */

/** The columns a member is answered with: nothing about how the person is doing. */
export const EMPLOYEE_COLUMNS = {
  id: true,
  userId: true,
  anonymizedId: true,
  jobTitle: true,
  department: true,
  externalId: true,
  displayName: true,
  orgRole: true,
  endedAt: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { email: true } },
} satisfies Prisma.EmployeeSelect;

export type StoredEmployee = Prisma.EmployeeGetPayload<{ select: typeof EMPLOYEE_COLUMNS }>;

export interface EmployeeFilter {
  department?: string;
  active?: boolean;
  /** The account's email, compared without regard to case (citext). */
  email?: string;
  externalId?: string;
}

export interface MembershipWrite {
  jobTitle?: string | null;
  department?: string | null;
  externalId?: string | null;
  displayName?: string | null;
  orgRole?: string;
  endedAt?: Date | null;
}

const where = (orgId: string, filter: EmployeeFilter): Prisma.EmployeeWhereInput => ({
  orgId,
  department: filter.department,
  externalId: filter.externalId,
  ...(filter.email ? { user: { email: filter.email } } : {}),
  ...(filter.active === undefined ? {} : { endedAt: filter.active ? null : { not: null } }),
});

@Injectable()
export class EmployeesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Locks the organisation's row until the transaction ends and answers its settings. Every
   * change to its members takes this lock, so two HR syncs never interleave and the department
   * list cannot change under a check. FOR NO KEY UPDATE leaves foreign-key checks of other
   * tables (surveys, clients) unblocked.
   */
  async lockOrg(tx: Prisma.TransactionClient, orgId: string): Promise<OrgSettings | null> {
    const [row] = await tx.$queryRaw<Array<{ settings: unknown }>>`
      SELECT settings FROM organizations WHERE id = ${orgId}::uuid FOR NO KEY UPDATE`;
    return row ? readOrgSettings(row.settings) : null;
  }

  find(db: Db, orgId: string, id: string): Promise<StoredEmployee | null> {
    return db.employee.findFirst({ where: { id, orgId }, select: EMPLOYEE_COLUMNS });
  }

  /** Newest first, `limit + 1` rows. */
  page(orgId: string, filter: EmployeeFilter, limit: number, cursor?: Cursor) {
    return this.prisma.employee.findMany({
      where: { ...where(orgId, filter), ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: EMPLOYEE_COLUMNS,
    });
  }

  /** Oldest first from a 0-based offset, and how many match in all (SCIM lists count so). */
  async search(orgId: string, filter: EmployeeFilter, offset: number, limit: number) {
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.employee.count({ where: where(orgId, filter) }),
      this.prisma.employee.findMany({
        where: where(orgId, filter),
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: offset,
        take: limit,
        select: EMPLOYEE_COLUMNS,
      }),
    ]);
    return { total, rows };
  }

  findMembership(tx: Prisma.TransactionClient, orgId: string, userId: string) {
    return tx.employee.findUnique({
      where: { orgId_userId: { orgId, userId } },
      select: { id: true, endedAt: true },
    });
  }

  /** Makes the person a member unless a membership (running or ended) exists already. */
  async createUnlessAny(
    tx: Prisma.TransactionClient,
    data: { orgId: string; userId: string; displayName: string | null },
  ): Promise<void> {
    await tx.employee.upsert({
      where: { orgId_userId: { orgId: data.orgId, userId: data.userId } },
      create: { ...data, anonymizedId: newAnonymizedId() },
      update: {},
    });
  }

  async createMembership(
    tx: Prisma.TransactionClient,
    data: MembershipWrite & { orgId: string; userId: string; anonymizedId: string },
  ): Promise<string> {
    const row = await tx.employee.create({ data, select: { id: true } });
    return row.id;
  }

  async updateMembership(tx: Prisma.TransactionClient, id: string, data: MembershipWrite) {
    await tx.employee.update({ where: { id }, data, select: { id: true } });
  }

  /** The person's memberships in every organisation, with its name, for their export. */
  membershipsOf(userId: string) {
    return this.prisma.employee.findMany({
      where: { userId },
      omit: { userId: true },
      include: { organization: { select: { id: true, name: true } } },
    });
  }
}
