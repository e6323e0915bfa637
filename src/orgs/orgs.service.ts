import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { AuthenticatedUser, Principal } from '../auth/roles.js';
import type { CreateOrgDto, OrgDto, UpdateOrgDto } from './dto/org.dto.js';
import { UsersService } from '../auth/users.service.js';
import { OrgAccessService } from './org-access.service.js';
import { DEFAULT_MIN_GROUP_SIZE, type OrgSettings, readOrgSettings } from './org-settings.js';
import { OrgsRepository, type StoredOrg } from './orgs.repository.js';

@Injectable()
export class OrgsService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly access: OrgAccessService,
    private readonly users: UsersService,
  ) {}

  async create(caller: AuthenticatedUser, input: CreateOrgDto): Promise<OrgDto> {
    const org = await this.orgs.create({
      name: input.name,
      adminUserId: input.adminUserId ?? caller.userId,
      settings: { minGroupSize: input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE },
    });
    return toOrgDto(org);
  }

  async get(principal: Principal, orgId: string): Promise<OrgDto> {
    await this.access.assertCanManage(principal, orgId);
    return toOrgDto(await this.existing(orgId));
  }

  async update(caller: AuthenticatedUser, orgId: string, input: UpdateOrgDto): Promise<OrgDto> {
    await this.access.assertCanManage(caller, orgId);
    if (input.adminUserId !== undefined) {
      // The org admin may manage the organisation, not give it away.
      if (caller.role !== 'admin') {
        throw new ForbiddenException("Only a platform admin can change the organisation's admin.");
      }
      if (!(await this.users.exists(input.adminUserId))) {
        throw new UnprocessableEntityException('adminUserId names no account.');
      }
    }
    if (input.settings?.commentsMinGroupSize !== undefined) {
      const current = readOrgSettings((await this.existing(orgId)).settings);
      const minGroupSize = input.settings.minGroupSize ?? current.minGroupSize;
      if (input.settings.commentsMinGroupSize < minGroupSize) {
        throw new UnprocessableEntityException(
          `commentsMinGroupSize must be at least minGroupSize (${minGroupSize}).`,
        );
      }
    }
    await this.orgs.update(orgId, {
      name: input.name,
      adminUserId: input.adminUserId,
      settings: { ...input.settings },
    });
    return toOrgDto(await this.existing(orgId));
  }

  /** The organisation's settings as they stand, defaults filled in (those of none if it is gone). */
  async settingsOf(orgId: string): Promise<OrgSettings> {
    return readOrgSettings((await this.orgs.find(orgId))?.settings);
  }

  private async existing(orgId: string): Promise<StoredOrg> {
    const org = await this.orgs.find(orgId);
    if (!org) throw new NotFoundException('No such organisation.');
    return org;
  }
}

function toOrgDto(org: StoredOrg): OrgDto {
  const settings = readOrgSettings(org.settings);
  return {
    id: org.id,
    name: org.name,
    adminUserId: org.adminUserId,
    minGroupSize: settings.minGroupSize,
    settings,
    wellnessScore: org.wellnessScore,
    createdAt: org.createdAt,
  };
}
