import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowClients } from '../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal, CurrentUser } from '../auth/guards/current-user.decorator.js';
import { Roles } from '../auth/guards/roles.decorator.js';
import type { AuthenticatedUser, Principal } from '../auth/roles.js';
import { CreateOrgDto, OrgDto, UpdateOrgDto } from './dto/org.dto.js';
import { OrgsService } from './orgs.service.js';

@ApiTags('orgs')
@ApiBearerAuth('bearer')
@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  /** Creates an organisation and names its admin (the caller by default). */
  @Post()
  @Roles('admin')
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateOrgDto): Promise<OrgDto> {
    return this.orgs.create(user, body);
  }

  /** The organisation, for its admin, platform admins and its own API clients. */
  @ApiTags('HR integration')
  @Get(':orgId')
  @AllowClients(
    'employees:read',
    'employees:write',
    'org.wellness:read',
    'surveys:read',
    'surveys:write',
  )
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<OrgDto> {
    return this.orgs.get(principal, orgId);
  }

  /**
   * Renames the organisation or changes its settings, for its admin and platform admins; only
   * a platform admin may hand it to another admin.
   */
  @Patch(':orgId')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: UpdateOrgDto,
  ): Promise<OrgDto> {
    return this.orgs.update(user, orgId, body);
  }
}
