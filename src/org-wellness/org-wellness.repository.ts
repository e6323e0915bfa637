import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import { type DashboardFigures, ORG_DASHBOARD, TREND_WEEKS } from './dashboard.sql.js';

/** The dashboard's reads: aggregates only, each from an index of the organisation's rows. */
@Injectable()
export class OrgWellnessRepository {
  constructor(private readonly prisma: PrismaService) {}

  org(orgId: string) {
    return this.prisma.organization.findUnique({
      where: { id: orgId },
      select: { settings: true, wellnessScore: true },
    });
  }

  /** What the dashboard shows of the organisation (ORG_DASHBOARD, on the pool); null when none. */
  async dashboard(orgId: string): Promise<DashboardFigures | null> {
    const [row] = await ORG_DASHBOARD.rows(this.prisma.pool, [orgId, TREND_WEEKS - 1]);
    if (!row) return null;
    // Written by OrgWellnessScoresRepository.publish from computeStats, in this shape.
    const tallies = Array.isArray(row.departmentTallies) ? row.departmentTallies : null;
    return { ...row, departmentTallies: tallies };
  }

  /** Snapshots newest first, `limit + 1` rows. */
  snapshots(orgId: string, limit: number, cursor?: Cursor) {
    return this.prisma.orgWellnessSnapshot.findMany({
      where: { orgId, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: {
        id: true,
        wellnessScore: true,
        moodScore: true,
        surveyScore: true,
        memberCount: true,
        activeMembers: true,
        createdAt: true,
      },
    });
  }
}
