import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../../common/pagination/cursor.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';

export const INVITATION_COLUMNS = {
  id: true,
  orgId: true,
  email: true,
  jobTitle: true,
  department: true,
  externalId: true,
  displayName: true,
  status: true,
  expiresAt: true,
  respondedAt: true,
  createdAt: true,
} satisfies Prisma.OrgInvitationSelect;

export type StoredInvitation = Prisma.OrgInvitationGetPayload<{
  select: typeof INVITATION_COLUMNS;
}>;

@Injectable()
export class InvitationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(
    tx: Prisma.TransactionClient,
    data: Omit<StoredInvitation, 'id' | 'status' | 'respondedAt' | 'createdAt'>,
  ): Promise<StoredInvitation> {
    return tx.orgInvitation.create({ data, select: INVITATION_COLUMNS });
  }

  /** An open invitation past its date stops being open, so the person can be invited again. */
  async expireLapsed(tx: Prisma.TransactionClient, orgId: string, email: string): Promise<void> {
    await tx.orgInvitation.updateMany({
      where: { orgId, email, status: 'pending', expiresAt: { lte: new Date() } },
      data: { status: 'expired' },
    });
  }

  /** Newest first, `limit + 1` rows. */
  pageOfOrg(orgId: string, limit: number, cursor?: Cursor): Promise<StoredInvitation[]> {
    return this.prisma.orgInvitation.findMany({
      where: { orgId, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: INVITATION_COLUMNS,
    });
  }

  async withdraw(orgId: string, id: string): Promise<number> {
    const { count } = await this.prisma.orgInvitation.updateMany({
      where: { id, orgId, status: 'pending' },
      data: { status: 'withdrawn', respondedAt: new Date() },
    });
    return count;
  }

  /**
   * Open invitations for this account's email, with the inviting organisation's name: newest
   * first, `limit + 1` rows.
   */
  openFor(email: string, limit: number, cursor?: Cursor) {
    return this.prisma.orgInvitation.findMany({
      where: { email, status: 'pending', expiresAt: { gt: new Date() }, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: { ...INVITATION_COLUMNS, organization: { select: { name: true } } },
    });
  }

  /**
   * Answers an open invitation addressed to this email, in one statement: of two concurrent
   * answers exactly one wins. Null when there is no such open invitation.
   */
  async respond(
    tx: Prisma.TransactionClient,
    id: string,
    email: string,
    status: 'accepted' | 'declined',
  ): Promise<StoredInvitation | null> {
    const { count } = await tx.orgInvitation.updateMany({
      where: { id, email, status: 'pending', expiresAt: { gt: new Date() } },
      data: { status, respondedAt: new Date() },
    });
    if (count === 0) return null;
    return tx.orgInvitation.findUnique({ where: { id }, select: INVITATION_COLUMNS });
  }

  async orgName(tx: Prisma.TransactionClient, orgId: string): Promise<string> {
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: orgId },
      select: { name: true },
    });
    return org.name;
  }
}
