import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
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

  /**
   * Creates an organisation and names its admin (the caller by default).
   *
   * @remarks
   * Platform admins only. `minGroupSize` (at least 3, default 5) is the smallest group whose
   * aggregates the organisation is ever shown; it can be changed later in its settings.
   */
  @Post()
  @Roles('admin')
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateOrgDto): Promise<OrgDto> {
    return this.orgs.create(user, body);
  }

  /**
   * The organisation and its settings.
   *
   * @remarks
   * For its admin, platform admins and its own HR clients with any scope; anyone else gets 404.
   * Answers its name, admin, privacy thresholds, score cadence, time zone, departments and latest
   * wellness score.
   */
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
   * Changes the organisation's name or settings.
   *
   * @remarks
   * For its admin and platform admins; anyone else gets 404. Only the fields and settings sent
   * change. Only a platform admin may hand the organisation to another admin (403 otherwise), and
   * `commentsMinGroupSize` may not go below `minGroupSize` (422).
   */
  @Patch(':orgId')
  @ApiUnprocessableEntityResponse({
    description: 'A setting is out of range, or adminUserId names no account that may lead it.',
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: UpdateOrgDto,
  ): Promise<OrgDto> {
    return this.orgs.update(user, orgId, body);
  }
}
