import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import type { DepartmentTally } from './department-breakdown.js';
import { MOOD_WINDOW_DAYS } from './wellness-score.js';

/** Weeks of trend on the dashboard, the current one included. */
export const TREND_WEEKS = 12;

export interface TrendPoint {
  weekStart: string;
  wellnessScore: number | null;
}

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

  /** When the score was last computed: the newest snapshot's time. */
  async lastComputedAt(orgId: string): Promise<Date | null> {
    const latest = await this.prisma.orgWellnessSnapshot.findFirst({
      where: { orgId },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    return latest?.createdAt ?? null;
  }

  /**
   * The last snapshot of each ISO week (Monday, UTC) of the last TREND_WEEKS weeks, oldest
   * first, weeks without one left out. One index probe per week on
   * idx_org_wellness_snapshots_org_id_created_at, however many snapshots a week holds.
   */
  weeklyTrend(orgId: string): Promise<TrendPoint[]> {
    return this.prisma.$queryRaw<TrendPoint[]>`
      SELECT to_char(w.week_start, 'YYYY-MM-DD') AS "weekStart", s.wellness_score AS "wellnessScore"
        FROM generate_series(date_trunc('week', now() AT TIME ZONE 'UTC')
                               - make_interval(weeks => ${TREND_WEEKS - 1}::int),
                             date_trunc('week', now() AT TIME ZONE 'UTC'),
                             interval '1 week') AS w(week_start)
        CROSS JOIN LATERAL (
          SELECT wellness_score
            FROM org_wellness_snapshots
           WHERE org_id = ${orgId}::uuid
             AND created_at >= (w.week_start AT TIME ZONE 'UTC')
             AND created_at < ((w.week_start + interval '1 week') AT TIME ZONE 'UTC')
           ORDER BY created_at DESC
           LIMIT 1) s
       ORDER BY w.week_start`;
  }

  /**
   * Per department: members, members who logged a mood in the window, and the sum of their
   * mean moods mapped to 0..100 (the mood component's terms). Grouped in SQL, so no person's
   * figures leave the database; members via idx_employees_org_id_department, their entries via
   * idx_mood_entries_user_id_created_at.
   */
  departmentTallies(orgId: string): Promise<DepartmentTally[]> {
    return this.prisma.$queryRaw<DepartmentTally[]>`
      WITH members AS (
        SELECT user_id, department FROM employees
         WHERE org_id = ${orgId}::uuid AND ended_at IS NULL
      ), person_means AS (
        SELECT m.user_id, avg(m.mood_score) AS mean
          FROM mood_entries m JOIN members USING (user_id)
         WHERE m.created_at >= now() - make_interval(days => ${MOOD_WINDOW_DAYS}::int)
         GROUP BY m.user_id
      )
      SELECT mb.department, count(*)::int AS members, count(p.user_id)::int AS active,
             coalesce(sum((p.mean - 1) / 9 * 100), 0)::float8 AS "moodSum"
        FROM members mb LEFT JOIN person_means p USING (user_id)
       GROUP BY mb.department`;
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
