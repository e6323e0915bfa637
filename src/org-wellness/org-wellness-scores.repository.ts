import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../database/prisma.service.js';
import type { DepartmentTally } from './department-breakdown.js';
import { contributionsCte, memberMoodCtes } from './member-mood-tallies.js';
import type { LastPublication } from './publication-pacing.js';
import { SURVEY_RECENCY_DAYS } from './wellness-score.js';

export interface OrgWellnessStats {
  memberCount: number;
  activeMembers: number;
  moodScore: number | null;
  surveyScore: number | null;
  wellnessScore: number | null;
  /** Per department, from the same per-person means as the mood component. */
  departmentTallies: DepartmentTally[];
  /** The closed survey the survey component comes from, if any. */
  surveyId: string | null;
  /** Members whose contribution differs from the last published score's (see contributionsCte). */
  changedMembers: number;
}

/**
 * The days before today whose entries one read per member covers when counting streaks; a
 * longer streak is followed further back a day at a time. A week reads about as many entries
 * as there are days and leaves few streaks to follow (8% of them at 100,000 members).
 */
const STREAK_SCAN_DAYS = 7;

/**
 * A recompute's statements take about 2 s at 100,000 members; Prisma's default of 5 s would
 * fail an organisation that merely grew.
 */
const WHOLE_ORGANISATION_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

/**
 * Settings for one statement over a whole organisation, for its transaction only. JIT
 * compiles these plans for longer than it saves (it added 0.6 to 0.8 s to the score's
 * statement at 100,000 members), and the members with their timezones fit in memory instead
 * of spilling to disk.
 */
async function planForWholeOrganisation(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SET LOCAL jit = off`;
  await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
}

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

/** The writes of a recompute: the score, its snapshot and the members' streaks. */
@Injectable()
export class OrgWellnessScoresRepository {
  constructor(private readonly prisma: PrismaService) {}

  settingsOf(orgId: string) {
    return this.prisma.organization.findUnique({
      where: { id: orgId },
      select: { settings: true },
    });
  }

  /**
   * computeOrgWellness (wellness-score.ts) and the dashboard's department tallies in one
   * statement over the organisation's members (memberMoodCtes: members in user_id order took
   * 1.0 to 1.3 s against 1.5 to 2.2 s unordered at 100,000), the survey from
   * idx_wellbeing_surveys_org_id_created_at and idx_survey_responses_survey_id_department.
   * Arithmetic is numeric and rounded as roundScore does (6 decimals, then 1, halves up).
   */
  computeStats(
    orgId: string,
    minGroupSize: number,
    contributionKey: string,
  ): Promise<OrgWellnessStats> {
    return this.prisma.$transaction(async (tx) => {
      await planForWholeOrganisation(tx);
      const [row] = await tx.$queryRaw<OrgWellnessStats[]>`
        WITH ${memberMoodCtes(orgId)}, ${contributionsCte(contributionKey)}, counting_survey AS (
          SELECT id FROM wellbeing_surveys
           WHERE org_id = ${orgId}::uuid
             AND status = 'closed'
             AND closed_at >= now() - make_interval(days => ${SURVEY_RECENCY_DAYS}::int)
           ORDER BY closed_at DESC, id DESC
           LIMIT 1
        ), components AS (
          SELECT count(*)::int AS member_count,
                 count(mean)::int AS active_members,
                 CASE WHEN count(mean) >= ${minGroupSize}::int
                      THEN avg((mean - 1) / 9 * 100) END AS mood,
                 (SELECT CASE WHEN count(r.wellness_score) >= ${minGroupSize}::int
                              THEN avg(r.wellness_score::numeric) END
                    FROM survey_responses r JOIN counting_survey s ON s.id = r.survey_id) AS survey
            FROM person_means
        )
        SELECT member_count AS "memberCount", active_members AS "activeMembers",
               (round(round(mood * 10, 6)) / 10)::float8 AS "moodScore",
               (round(round(survey * 10, 6)) / 10)::float8 AS "surveyScore",
               (round(round(coalesce(0.6 * mood + 0.4 * survey, mood, survey) * 10, 6)) / 10)::float8
                 AS "wellnessScore",
               (SELECT coalesce(jsonb_agg(t ORDER BY t.department), '[]'::jsonb)
                  FROM department_tallies t) AS "departmentTallies",
               (SELECT id FROM counting_survey) AS "surveyId",
               (SELECT count(*)::int
                  FROM contributions c
                  FULL JOIN (SELECT member_key, fingerprint FROM org_wellness_contributions
                              WHERE org_id = ${orgId}::uuid) p USING (member_key)
                 WHERE c.fingerprint IS DISTINCT FROM p.fingerprint) AS "changedMembers"
          FROM components`;
      return row;
    }, WHOLE_ORGANISATION_TRANSACTION);
  }

  /** The newest published score's time and survey, or null before the first. */
  async lastPublication(orgId: string): Promise<LastPublication | null> {
    const latest = await this.prisma.orgWellnessSnapshot.findFirst({
      where: { orgId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { createdAt: true, surveyId: true },
    });
    return latest && { publishedAt: latest.createdAt, surveyId: latest.surveyId };
  }

  /**
   * Publishes: the score, its snapshot, the contributions it stands on (against which the next
   * is measured) and whatever `alongside` writes (the announcement to webhooks), in one
   * transaction. Answers the snapshot's time.
   */
  publish(
    orgId: string,
    stats: OrgWellnessStats,
    minGroupSize: number,
    contributionKey: string,
    alongside: (tx: Prisma.TransactionClient, snapshotAt: Date) => Promise<void>,
  ): Promise<Date> {
    const { departmentTallies, changedMembers: _changed, ...scores } = stats;
    return this.prisma.$transaction(async (tx) => {
      await planForWholeOrganisation(tx);
      await tx.organization.update({
        where: { id: orgId },
        data: { wellnessScore: stats.wellnessScore },
      });
      const snapshot = await tx.orgWellnessSnapshot.create({
        data: {
          orgId,
          ...scores,
          minGroupSize,
          departmentTallies: departmentTallies as unknown as Prisma.InputJsonValue,
        },
        select: { createdAt: true },
      });
      await tx.$executeRaw`DELETE FROM org_wellness_contributions WHERE org_id = ${orgId}::uuid`;
      await tx.$executeRaw`
        WITH ${memberMoodCtes(orgId)}, ${contributionsCte(contributionKey)}
        INSERT INTO org_wellness_contributions (org_id, member_key, fingerprint, created_at)
        SELECT ${orgId}::uuid, member_key, fingerprint, ${snapshot.createdAt} FROM contributions`;
      await alongside(tx, snapshot.createdAt);
      return snapshot.createdAt;
    }, WHOLE_ORGANISATION_TRANSACTION);
  }

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
  async updateStreaks(orgId: string, slice: MemberSlice = { index: 0, count: 1 }): Promise<void> {
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

  /** Organisation ids after `after`, in id order, a page at a time. */
  async orgIdsAfter(after: string | null, take: number): Promise<string[]> {
    const rows = await this.prisma.organization.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: 'asc' },
      select: { id: true },
      take,
    });
    return rows.map((row) => row.id);
  }
}
