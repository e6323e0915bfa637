import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../database/prisma.service.js';
import type { DepartmentTally } from './department-breakdown.js';
import { contributionsCte, memberMoodCtes } from './member-mood-tallies.js';
import type { LastPublication } from './publication-pacing.js';
import { SURVEY_RECENCY_DAYS } from './wellness-score.js';
import { planForWholeOrganisation, WHOLE_ORGANISATION_TRANSACTION } from './whole-organisation.js';

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

/** The writes of a recompute: the score and its snapshot. */
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
