import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';

/** The columns an organisation is answered with. */
export const ORG_COLUMNS = {
  id: true,
  name: true,
  adminUserId: true,
  settings: true,
  wellnessScore: true,
  createdAt: true,
} satisfies Prisma.OrganizationSelect;

export type StoredOrg = Prisma.OrganizationGetPayload<{ select: typeof ORG_COLUMNS }>;

export interface OrgChanges {
  name?: string;
  adminUserId?: string;
  /** Merged into the stored settings: keys given replace theirs, the others stay. */
  settings: Record<string, unknown>;
}

@Injectable()
export class OrgsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { name: string; adminUserId: string; settings: Prisma.InputJsonObject }) {
    return this.prisma.organization.create({ data, select: ORG_COLUMNS });
  }

  find(id: string): Promise<StoredOrg | null> {
    return this.prisma.organization.findUnique({ where: { id }, select: ORG_COLUMNS });
  }

  /**
   * One statement, so two admins changing different settings at once both keep their change:
   * the jsonb merge happens in the row, not in a copy read earlier.
   */
  async update(id: string, changes: OrgChanges): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE organizations
         SET name = COALESCE(${changes.name ?? null}::text, name),
             admin_user_id = COALESCE(${changes.adminUserId ?? null}::uuid, admin_user_id),
             settings = settings || ${JSON.stringify(changes.settings)}::jsonb
       WHERE id = ${id}::uuid`;
  }
}
