import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { AuthenticatedUser, Principal } from '../auth/roles.js';
import { ORG_LEADERSHIP } from './org-leadership.sql.js';

const NOT_FOUND = 'No such organisation.';
const PEOPLE_ONLY = "Only the organisation's admin can do this, not an API client.";

/** An active membership: the employee row of a person in an organisation, not ended. */
export interface Membership {
  employeeId: string;
  orgId: string;
  department: string | null;
}

/**
 * Who may act on an organisation. Anyone else gets 404, as if it did not exist: an
 * organisation's existence is not disclosed to outsiders.
 */
@Injectable()
export class OrgAccessService {
  constructor(private readonly prisma: PrismaService) {}

  /** Its admin user, a platform admin, or an API client of that organisation. */
  async assertCanManage(principal: Principal, orgId: string): Promise<void> {
    if (principal.kind === 'client') {
      if (principal.orgId !== orgId) throw new NotFoundException(NOT_FOUND);
      return;
    }
    const org = await this.prisma.organization.findUnique({
      where: { id: orgId },
      select: { adminUserId: true },
    });
    if (!org) throw new NotFoundException(NOT_FOUND);
    if (principal.role === 'admin' || org.adminUserId === principal.userId) return;
    throw new NotFoundException(NOT_FOUND);
  }

  /**
   * Who may see the organisation's aggregates and run its surveys: everyone `assertCanManage`
   * allows, plus its managers: active members whose membership of this organisation says so.
   * A person's global role plays no part: a manager of one organisation is nobody in another.
   */
  async assertCanLead(principal: Principal, orgId: string): Promise<void> {
    if (principal.kind === 'client' || principal.role === 'admin') {
      return this.assertCanManage(principal, orgId);
    }
    const [org] = await ORG_LEADERSHIP.rows(this.prisma.pool, [orgId, principal.userId]);
    if (org?.leads) return;
    throw new NotFoundException(NOT_FOUND);
  }

  /**
   * Its admin user or a platform admin, never an API client: for what only a person answerable
   * for the organisation may do (claim domains, trust identity providers, name managers).
   */
  async assertCanManageAsPerson(principal: Principal, orgId: string): Promise<void> {
    if (principal.kind === 'client') throw new ForbiddenException(PEOPLE_ONLY);
    await this.assertCanManage(principal, orgId);
  }

  /** The person's active membership of the organisation, or null. */
  async membership(userId: string, orgId: string): Promise<Membership | null> {
    const row = await this.prisma.employee.findFirst({
      where: { userId, orgId, endedAt: null },
      select: { id: true, orgId: true, department: true },
    });
    return row ? { employeeId: row.id, orgId: row.orgId, department: row.department } : null;
  }

  /** The person's active membership or 404 (an organisation they are not in does not exist). */
  async assertMember(user: AuthenticatedUser, orgId: string): Promise<Membership> {
    const membership = await this.membership(user.userId, orgId);
    if (!membership) throw new NotFoundException(NOT_FOUND);
    return membership;
  }
}
