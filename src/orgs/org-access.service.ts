import { Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Principal } from '../auth/roles.js';

const NOT_FOUND = 'No such organisation.';

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
}
