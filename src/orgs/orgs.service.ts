import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { AuthenticatedUser, Principal } from '../auth/roles.js';
import type { CreateOrgDto, EmployeeDto, OrgDto } from './dto/org.dto.js';
import { OrgAccessService } from './org-access.service.js';

const DEFAULT_MIN_GROUP_SIZE = 5;

/** A random anonymized id: 128 bits, nothing derived from the person. */
export function newAnonymizedId(): string {
  return randomBytes(16).toString('base64url');
}

@Injectable()
export class OrgsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: OrgAccessService,
  ) {}

  async create(caller: AuthenticatedUser, input: CreateOrgDto): Promise<OrgDto> {
    const org = await this.prisma.organization.create({
      data: {
        name: input.name,
        adminUserId: input.adminUserId ?? caller.userId,
        settings: { minGroupSize: input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE },
      },
    });
    return toOrgDto(org);
  }

  async get(principal: Principal, orgId: string): Promise<OrgDto> {
    await this.access.assertCanManage(principal, orgId);
    return toOrgDto(await this.prisma.organization.findUniqueOrThrow({ where: { id: orgId } }));
  }

  async listEmployees(principal: Principal, orgId: string): Promise<EmployeeDto[]> {
    await this.access.assertCanManage(principal, orgId);
    const rows = await this.prisma.employee.findMany({
      where: { orgId },
      orderBy: { createdAt: 'asc' },
      include: { user: { select: { email: true, displayName: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      anonymizedId: row.anonymizedId,
      email: row.user.email,
      displayName: row.user.displayName,
      jobTitle: row.jobTitle,
      department: row.department,
      createdAt: row.createdAt,
    }));
  }
}

function toOrgDto(org: {
  id: string;
  name: string;
  adminUserId: string | null;
  settings: unknown;
  wellnessScore: number | null;
  createdAt: Date;
}): OrgDto {
  const settings = (org.settings ?? {}) as { minGroupSize?: number };
  return {
    id: org.id,
    name: org.name,
    adminUserId: org.adminUserId,
    minGroupSize: settings.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    wellnessScore: org.wellnessScore,
    createdAt: org.createdAt,
  };
}
