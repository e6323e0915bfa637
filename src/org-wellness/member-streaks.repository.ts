import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { planForWholeOrganisation, WHOLE_ORGANISATION_TRANSACTION } from './whole-organisation.js';

/**
 * The days before today whose entries one read per member covers when counting streaks; a
 * longer streak is followed further back a day at a time. A week reads about as many entries
 * as there are days and leaves few streaks to follow (8% of them at 100,000 members).
 */
const STREAK_SCAN_DAYS = 7;

/**
 * Part `index` of `count` parts of an organisation's members, split by their employee ids: the
 * parts share no member, so they can be written side by side.
 */
export interface MemberSlice {
  index: number;
  count: number;
}

/**
 * A slice's share of the id space (random uuids spread evenly over it), as a range the
 * planner can estimate from the column's statistics: from inclusive, to exclusive, null for
 * the last slice.
 */
function employeeIdRange({ index, count }: MemberSlice): { from: string; to: string | null } {
  const bound = (part: number) =>
    `${Math.floor((part * 0x1_0000_0000) / count)
      .toString(16)
      .padStart(8, '0')}-0000-0000-0000-000000000000`;
  return { from: bound(index), to: index + 1 < count ? bound(index + 1) : null };
}

/** The members' wellness streaks, recomputed beside each score in slices written side by side. */
@Injectable()
export class MemberStreaksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Each active member's current streak: consecutive calendar days in their own timezone with
   * a mood entry, ending today or yesterday (a streak is not lost before the day is over), and
   * 0 otherwise. One range of idx_mood_entries_user_id_created_at_score per member, in user_id
   * order as in computeStats, covers today and the STREAK_SCAN_DAYS days before it; each entry
   * falls in its local day by the day starts of its timezone (AT TIME ZONE once per timezone,
   * so a 23 or 25 hour day is still one day). A streak that fills that range goes on with one
   * index probe per earlier day, so no one's whole history is read. Only the streaks that
   * changed are written. With a slice, only that part of the members. updated_at is left
   * alone: it tells HR systems (SCIM) when the membership changed, and a streak is not that.
   */
  async update(orgId: string, slice: MemberSlice = { index: 0, count: 1 }): Promise<void> {
    const { from, to } = employeeIdRange(slice);
    await this.prisma.$transaction(async (tx) => {
      await planForWholeOrganisation(tx);
      await tx.$executeRaw`
        WITH RECURSIVE members AS MATERIALIZED (
          SELECT e.id AS employee_id, e.user_id, e.wellness_streak, u.timezone
            FROM employees e JOIN users u ON u.id = e.user_id
           WHERE e.org_id = ${orgId}::uuid AND e.ended_at IS NULL
             AND e.id >= ${from}::uuid AND (${to}::uuid IS NULL OR e.id < ${to}::uuid)
        ), zones AS MATERIALIZED (
          SELECT z.timezone, (now() AT TIME ZONE z.timezone)::date AS today,
                 array(SELECT ((now() AT TIME ZONE z.timezone)::date - d)::timestamp
                                AT TIME ZONE z.timezone
                         FROM generate_series(${STREAK_SCAN_DAYS}::int, -1, -1) AS d) AS day_starts
            FROM (SELECT DISTINCT timezone FROM members) z
        ), logged AS (
          -- Bit k of days: an entry on the day k days before today.
          SELECT md.employee_id, md.user_id, md.timezone, md.today, d.days,
                 (d.days & 1 = 0)::int AS last_day
            FROM (SELECT mb.*, z.today, z.day_starts
                    FROM members mb JOIN zones z USING (timezone)
                   ORDER BY mb.user_id) md
            CROSS JOIN LATERAL (
              SELECT bit_or(1::bigint << (${STREAK_SCAN_DAYS}::int + 1
                                          - width_bucket(m.created_at, md.day_starts))) AS days
                FROM mood_entries m
               WHERE m.user_id = md.user_id
                 AND m.created_at >= md.day_starts[1]
                 AND m.created_at < md.day_starts[${STREAK_SCAN_DAYS}::int + 2]) d
           WHERE d.days & 3 <> 0
        ), scanned AS (
          -- The run of ones from the last day: v # (v + 1) keeps it and the gap that ends it.
          SELECT employee_id, user_id, timezone, today, last_day,
                 bit_count(((days >> last_day) # ((days >> last_day) + 1))::bit(64))::int - 1
                   AS streak
            FROM logged
        ), walk AS (
          SELECT employee_id, user_id, timezone, today - last_day - streak AS day, streak
            FROM scanned
           WHERE last_day + streak > ${STREAK_SCAN_DAYS}::int
          UNION ALL
          SELECT w.employee_id, w.user_id, w.timezone, w.day - 1, w.streak + 1
            FROM walk w
            CROSS JOIN LATERAL (
              SELECT 1 FROM mood_entries m
               WHERE m.user_id = w.user_id
                 AND m.created_at >= (w.day::timestamp AT TIME ZONE w.timezone)
                 AND m.created_at < ((w.day + 1)::timestamp AT TIME ZONE w.timezone)
               LIMIT 1) probe
        ), streaks AS (
          SELECT employee_id, streak FROM scanned
           WHERE last_day + streak <= ${STREAK_SCAN_DAYS}::int
          UNION ALL
          SELECT employee_id, max(streak) FROM walk GROUP BY employee_id
        ), changed AS MATERIALIZED (
          SELECT mb.employee_id, coalesce(s.streak, 0) AS streak
            FROM members mb LEFT JOIN streaks s USING (employee_id)
           WHERE mb.wellness_streak <> coalesce(s.streak, 0)
        )
        UPDATE employees e
           SET wellness_streak = c.streak
          FROM changed c
         WHERE e.id = c.employee_id`;
    }, WHOLE_ORGANISATION_TRANSACTION);
  }
}
