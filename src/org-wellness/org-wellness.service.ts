import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/roles.js';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { OrgAccessService } from '../orgs/org-access.service.js';
import { breakDownByDepartment } from './department-breakdown.js';
import type {
  OrgDashboardDto,
  WellnessSnapshotPageDto,
  WellnessSnapshotQueryDto,
} from './dto/org-wellness.dto.js';
import { minGroupSizeOf } from '../orgs/org-settings.js';
import { isShowableCount, participationOf } from './group-privacy.js';
import { OrgWellnessRepository } from './org-wellness.repository.js';

const DEFAULT_PAGE = 20;

/**
 * What leaders and HR systems see of an organisation's wellbeing: aggregates over groups of at
 * least the organisation's minimum size, never a person.
 */
@Injectable()
export class OrgWellnessService {
  constructor(
    private readonly access: OrgAccessService,
    private readonly wellness: OrgWellnessRepository,
  ) {}

  async dashboard(principal: Principal, orgId: string): Promise<OrgDashboardDto> {
    await this.access.assertCanLead(principal, orgId);
    const figures = await this.wellness.dashboard(orgId);
    if (!figures) throw new NotFoundException('No such organisation.');
    // Never below the threshold the breakdown was published under: lowering it afterwards would
    // show groups that publication withheld.
    const minGroupSize = Math.max(
      minGroupSizeOf(figures.settings),
      figures.publishedMinGroupSize ?? 0,
    );
    // The breakdown published with the score, so it agrees with it. Nothing is computed on
    // demand: a fresh value read between two publications would be the difference they hide.
    const tallies = figures.departmentTallies ?? [];
    const members = tallies.reduce((total, tally) => total + tally.members, 0);
    const active = tallies.reduce((total, tally) => total + tally.active, 0);
    const breakdown = breakDownByDepartment(tallies, minGroupSize);
    return {
      orgId,
      wellnessScore: figures.wellnessScore,
      computedAt: figures.computedAt,
      minGroupSize,
      trend: figures.trend,
      participation: participationOf(members, active, minGroupSize),
      departments: breakdown.departments,
      suppressedDepartments: breakdown.suppressed,
    };
  }

  async snapshots(
    principal: Principal,
    orgId: string,
    query: WellnessSnapshotQueryDto,
  ): Promise<WellnessSnapshotPageDto> {
    await this.access.assertCanLead(principal, orgId);
    const minGroupSize = minGroupSizeOf((await this.existing(orgId)).settings);
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.wellness.snapshots(
      orgId,
      limit,
      query.cursor ? decodeCursor(query.cursor) : undefined,
    );
    return toPage(rows, limit, (row) => ({
      ...row,
      activeMembers: isShowableCount(row.activeMembers, minGroupSize) ? row.activeMembers : null,
    }));
  }

  private async existing(orgId: string) {
    const org = await this.wellness.org(orgId);
    if (!org) throw new NotFoundException('No such organisation.');
    return org;
  }
}
