import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowClients } from '../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal } from '../auth/guards/current-user.decorator.js';
import type { Principal } from '../auth/roles.js';
import { SerializedFromOpenApi } from '../common/http/response-serialization.js';
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
   * The organisation's wellness at a glance.
   *
   * @remarks
   * For its admin, platform admins, its managers and HR clients with `org.wellness:read`; anyone
   * else gets 404. Score, 12-week trend, participation and departments, as the last background
   * recompute published them: aggregates only, never a person. Departments too small to show alone
   * (fewer than the organisation's minGroupSize) are pooled into "Other" or withheld, each listed
   * with the reason.
   */
  @Get('dashboard')
  @SerializedFromOpenApi()
  @AllowClients('org.wellness:read')
  @ApiOkResponse({ type: OrgDashboardDto, example: DASHBOARD_EXAMPLE })
  dashboard(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<OrgDashboardDto> {
    return this.wellness.dashboard(principal, orgId);
  }

  /**
   * The history of the organisation's wellness score.
   *
   * @remarks
   * For the same callers as the dashboard. Every published computation of the score, newest first,
   * paged with `limit` and `cursor`; how many members had logged a mood is answered as null when it
   * is some but fewer than the organisation's minGroupSize.
   */
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
