import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import { type OrgSettings, readOrgSettings } from '../orgs/org-settings.js';
import type { ParticipationTally } from './survey-results.js';

type Tx = Prisma.TransactionClient;

/** A member's place in a survey's frozen audience. */
export interface AudienceSeat {
  /** Their department when the survey opened. */
  department: string | null;
  /** How many of the audience were in that department then. */
  departmentSize: number;
}

/**
 * A survey's audience, frozen when it opens: who could answer, in which department, under which
 * thresholds. What the organisation changes afterwards (moves, leavers, newcomers, settings)
 * reaches none of it.
 */
@Injectable()
export class SurveyAudienceRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records the active members with their departments and the thresholds in force, reading the
   * organisation's row and members under a share lock, so a roster change waits for the opening.
   */
  async freezeAtOpen(
    tx: Tx,
    surveyId: string,
    orgId: string,
    openedAt: Date,
  ): Promise<OrgSettings> {
    const [org] = await tx.$queryRaw<Array<{ settings: unknown }>>`
      SELECT settings FROM organizations WHERE id = ${orgId}::uuid FOR SHARE`;
    const settings = readOrgSettings(org?.settings);
    await tx.$executeRaw`
      INSERT INTO survey_audiences (survey_id, employee_id, department, created_at)
      SELECT ${surveyId}::uuid, id, department, ${openedAt}
        FROM employees
       WHERE org_id = ${orgId}::uuid AND ended_at IS NULL`;
    await tx.wellbeingSurvey.update({
      where: { id: surveyId },
      data: {
        minGroupSize: settings.minGroupSize,
        commentsMinGroupSize: settings.commentsMinGroupSize,
      },
      select: { id: true },
    });
    return settings;
  }

  /** Eligible and responded per frozen department: counted over the audience alone. */
  participation(surveyId: string, db: Db = this.prisma): Promise<ParticipationTally[]> {
    return db.$queryRaw<ParticipationTally[]>`
      SELECT a.department, count(*)::int AS eligible, count(p.employee_id)::int AS responded
        FROM survey_audiences a
        LEFT JOIN survey_participations p
               ON p.survey_id = a.survey_id AND p.employee_id = a.employee_id
       WHERE a.survey_id = ${surveyId}::uuid
       GROUP BY a.department
       ORDER BY a.department NULLS LAST`;
  }

  /** At close: the final participation, kept with the survey so it never moves again. */
  async freezeParticipation(tx: Tx, surveyId: string): Promise<void> {
    const tallies = await this.participation(surveyId, tx);
    await tx.wellbeingSurvey.update({
      where: { id: surveyId },
      data: { participationTallies: tallies as unknown as Prisma.InputJsonValue },
      select: { id: true },
    });
  }

  /** The member's seat in the audience, or null when they were not a member at opening. */
  async seatOf(tx: Tx, surveyId: string, employeeId: string): Promise<AudienceSeat | null> {
    const [seat] = await tx.$queryRaw<AudienceSeat[]>`
      SELECT mine.department,
             (SELECT count(*)::int FROM survey_audiences others
               WHERE others.survey_id = mine.survey_id
                 AND others.department IS NOT DISTINCT FROM mine.department) AS "departmentSize"
        FROM survey_audiences mine
       WHERE mine.survey_id = ${surveyId}::uuid AND mine.employee_id = ${employeeId}::uuid`;
    return seat ?? null;
  }
}
