import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../database/prisma.service.js';
import { MOOD_WINDOW_DAYS, SURVEY_RECENCY_DAYS } from './wellness-score.js';

export interface OrgWellnessStats {
  memberCount: number;
  activeMembers: number;
  moodScore: number | null;
  surveyScore: number | null;
  wellnessScore: number | null;
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
   * computeOrgWellness (wellness-score.ts) in one statement over the organisation's members:
   * per-person means from idx_mood_entries_user_id_created_at, the survey from
   * idx_wellbeing_surveys_org_id_created_at and idx_survey_responses_survey_id_department.
   * Arithmetic is numeric and rounded as roundScore does (6 decimals, then 1, halves up).
   */
  async computeStats(orgId: string, minGroupSize: number): Promise<OrgWellnessStats> {
    const [row] = await this.prisma.$queryRaw<OrgWellnessStats[]>`
      WITH members AS (
        SELECT user_id FROM employees WHERE org_id = ${orgId}::uuid AND ended_at IS NULL
      ), person_means AS (
        SELECT m.user_id, avg(m.mood_score) AS mean
          FROM mood_entries m JOIN members USING (user_id)
         WHERE m.created_at >= now() - make_interval(days => ${MOOD_WINDOW_DAYS}::int)
         GROUP BY m.user_id
      ), counting_survey AS (
        SELECT id FROM wellbeing_surveys
         WHERE org_id = ${orgId}::uuid
           AND status = 'closed'
           AND closed_at >= now() - make_interval(days => ${SURVEY_RECENCY_DAYS}::int)
         ORDER BY closed_at DESC, id DESC
         LIMIT 1
      ), components AS (
        SELECT (SELECT count(*) FROM members)::int AS member_count,
               (SELECT count(*) FROM person_means)::int AS active_members,
               (SELECT CASE WHEN count(*) >= ${minGroupSize}::int
                            THEN avg((mean - 1) / 9 * 100) END
                  FROM person_means) AS mood,
               (SELECT CASE WHEN count(r.wellness_score) >= ${minGroupSize}::int
                            THEN avg(r.wellness_score::numeric) END
                  FROM survey_responses r JOIN counting_survey s ON s.id = r.survey_id) AS survey
      )
      SELECT member_count AS "memberCount", active_members AS "activeMembers",
             (round(round(mood * 10, 6)) / 10)::float8 AS "moodScore",
             (round(round(survey * 10, 6)) / 10)::float8 AS "surveyScore",
             (round(round(coalesce(0.6 * mood + 0.4 * survey, mood, survey) * 10, 6)) / 10)::float8
               AS "wellnessScore"
        FROM components`;
    return row;
  }

  /** The organisation's score and its dated snapshot, together or not at all. */
  /**
   * Writes the score and its snapshot, and whatever `alongside` writes (the announcement to
   * webhooks), in one transaction. Answers the snapshot's time.
   */
  saveScore(
    orgId: string,
    stats: OrgWellnessStats,
    alongside: (tx: Prisma.TransactionClient, snapshotAt: Date) => Promise<void>,
  ): Promise<Date> {
    return this.prisma.$transaction(async (tx) => {
      await tx.organization.update({
        where: { id: orgId },
        data: { wellnessScore: stats.wellnessScore },
      });
      const snapshot = await tx.orgWellnessSnapshot.create({
        data: { orgId, ...stats },
        select: { createdAt: true },
      });
      await alongside(tx, snapshot.createdAt);
      return snapshot.createdAt;
    });
  }

  /**
   * Each active member's current streak: consecutive calendar days in their own timezone with
   * a mood entry, ending today or yesterday (a streak is not lost before the day is over).
   * Gaps and islands: consecutive days share `day - row_number()`. Only members who logged
   * since yesterday can have a streak, so only their history is read. updated_at is left
   * alone: it tells HR systems (SCIM) when the membership changed, and a streak is not that.
   */
  async updateStreaks(orgId: string): Promise<void> {
    await this.prisma.$executeRaw`
      WITH members AS (
        SELECT e.id AS employee_id, e.user_id, u.timezone,
               (now() AT TIME ZONE u.timezone)::date AS today
          FROM employees e JOIN users u ON u.id = e.user_id
         WHERE e.org_id = ${orgId}::uuid AND e.ended_at IS NULL
      ), recent AS (
        SELECT mb.* FROM members mb
         WHERE EXISTS (SELECT 1 FROM mood_entries m
                        WHERE m.user_id = mb.user_id
                          AND m.created_at >= ((mb.today - 1)::timestamp AT TIME ZONE mb.timezone))
      ), days AS (
        SELECT DISTINCT r.employee_id, r.today, (m.created_at AT TIME ZONE r.timezone)::date AS day
          FROM recent r JOIN mood_entries m ON m.user_id = r.user_id
      ), islands AS (
        SELECT employee_id, today, day,
               day - (row_number() OVER (PARTITION BY employee_id ORDER BY day))::int AS island
          FROM days
      ), streaks AS (
        SELECT employee_id, count(*)::int AS streak
          FROM islands
         GROUP BY employee_id, today, island
        HAVING max(day) >= today - 1
      )
      UPDATE employees e
         SET wellness_streak = coalesce(s.streak, 0)
        FROM members mb LEFT JOIN streaks s USING (employee_id)
       WHERE e.id = mb.employee_id AND e.wellness_streak <> coalesce(s.streak, 0)`;
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
