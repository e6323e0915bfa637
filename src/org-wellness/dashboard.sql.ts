import { PoolStatement } from '../database/pool-statement.js';
import type { DepartmentTally } from './department-breakdown.js';

/** Weeks of trend on the dashboard, the current one included. */
export const TREND_WEEKS = 12;

export interface TrendPoint {
  weekStart: string;
  wellnessScore: number | null;
}

export interface DashboardFigures {
  settings: unknown;
  wellnessScore: number | null;
  /** The newest snapshot's time; null before the first computation. */
  computedAt: Date | null;
  departmentTallies: DepartmentTally[] | null;
  /** The threshold the newest snapshot was published under. */
  publishedMinGroupSize: number | null;
  trend: TrendPoint[];
}

/**
 * What the dashboard shows of the organisation, in one statement on the pool (PoolStatement):
 * its row, its newest snapshot (when the score was computed, and the department tallies it was
 * computed with, null for snapshots from before they were kept) and the weekly trend: the last
 * snapshot of each ISO week (Monday, UTC) of the current week and the `weeksBefore` before it,
 * oldest first, weeks without one left out. Each snapshot is one probe of
 * idx_org_wellness_snapshots_org_id_created_at, however many a week holds.
 */
export const ORG_DASHBOARD = new PoolStatement<
  [orgId: string, weeksBefore: number],
  DashboardFigures
>(`
  SELECT o.settings, o.wellness_score AS "wellnessScore",
         latest.created_at AS "computedAt", latest.department_tallies AS "departmentTallies",
         latest.min_group_size AS "publishedMinGroupSize",
         (SELECT coalesce(json_agg(json_build_object(
                            'weekStart', to_char(w.week_start, 'YYYY-MM-DD'),
                            'wellnessScore', s.wellness_score) ORDER BY w.week_start), '[]')
            FROM generate_series(date_trunc('week', now() AT TIME ZONE 'UTC')
                                   - make_interval(weeks => $2::int),
                                 date_trunc('week', now() AT TIME ZONE 'UTC'),
                                 interval '1 week') AS w(week_start)
            CROSS JOIN LATERAL (
              SELECT wellness_score
                FROM org_wellness_snapshots
               WHERE org_id = o.id
                 AND created_at >= (w.week_start AT TIME ZONE 'UTC')
                 AND created_at < ((w.week_start + interval '1 week') AT TIME ZONE 'UTC')
               ORDER BY created_at DESC
               LIMIT 1) s) AS trend
    FROM organizations o
    LEFT JOIN LATERAL (
      SELECT created_at, department_tallies, min_group_size
        FROM org_wellness_snapshots
       WHERE org_id = o.id
       ORDER BY created_at DESC, id DESC
       LIMIT 1) latest ON true
   WHERE o.id = $1::uuid`);
