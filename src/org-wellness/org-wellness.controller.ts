import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowClients } from '../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal } from '../auth/guards/current-user.decorator.js';
import type { Principal } from '../auth/roles.js';
import {
  DASHBOARD_EXAMPLE,
  OrgDashboardDto,
  WellnessSnapshotPageDto,
  WellnessSnapshotQueryDto,
} from './dto/org-wellness.dto.js';
import { OrgWellnessService } from './org-wellness.service.js';

@ApiTags('org wellness', 'HR integration')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId')
export class OrgWellnessController {
  constructor(private readonly wellness: OrgWellnessService) {}

  /**
   * The organisation's wellness at a glance: score, 12-week trend, participation and the
   * departments large enough to show. For its admin, platform admins, managers who are members
   * and its HR clients with org.wellness:read. Aggregates only, never a person.
   */
  @Get('dashboard')
  @AllowClients('org.wellness:read')
  @ApiOkResponse({ type: OrgDashboardDto, example: DASHBOARD_EXAMPLE })
  dashboard(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<OrgDashboardDto> {
    return this.wellness.dashboard(principal, orgId);
  }

  /** Every computation of the score, newest first: the dated history behind the trend. */
  @Get('wellness/snapshots')
  @AllowClients('org.wellness:read')
  snapshots(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: WellnessSnapshotQueryDto,
  ): Promise<WellnessSnapshotPageDto> {
    return this.wellness.snapshots(principal, orgId, query);
  }
}
