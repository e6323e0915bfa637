import { Injectable } from '@nestjs/common';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { SurveyQuestion } from './survey-questions.js';
import type { SurveyStatus, Transition } from './survey-status.js';

const SURVEY_COLUMNS = {
  id: true,
  orgId: true,
  title: true,
  questions: true,
  status: true,
  openedAt: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
  minGroupSize: true,
  commentsMinGroupSize: true,
  participationTallies: true,
} as const;

export type StoredSurvey = Prisma.WellbeingSurveyGetPayload<{ select: typeof SURVEY_COLUMNS }>;

type Tx = Prisma.TransactionClient;

/** Which surveys a list holds: an organisation's, or the open ones of a person's organisations. */
export type SurveyScope =
  { orgId: string; status?: SurveyStatus } | { openForMemberUserId: string };

const json = (questions: SurveyQuestion[]) => questions as unknown as Prisma.InputJsonValue;

@Injectable()
export class SurveysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    orgId: string;
    title: string;
    questions: SurveyQuestion[];
    createdBy: string | null;
  }): Promise<StoredSurvey> {
    return this.prisma.wellbeingSurvey.create({
      data: { ...data, questions: json(data.questions), status: 'draft', isActive: false },
      select: SURVEY_COLUMNS,
    });
  }

  find(id: string, tx: Tx | PrismaService = this.prisma): Promise<StoredSurvey | null> {
    return tx.wellbeingSurvey.findUnique({ where: { id }, select: SURVEY_COLUMNS });
  }

  /** Newest first, `limit + 1` rows. */
  page(scope: SurveyScope, limit: number, cursor?: Cursor): Promise<StoredSurvey[]> {
    const where: Prisma.WellbeingSurveyWhereInput =
      'orgId' in scope
        ? { orgId: scope.orgId, status: scope.status }
        : {
            status: 'open',
            // Open to the audience it opened with, among whom the person is still a member.
            audience: {
              some: { employee: { userId: scope.openForMemberUserId, endedAt: null } },
            },
          };
    return this.prisma.wellbeingSurvey.findMany({
      where: { ...where, ...olderThan(cursor) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: SURVEY_COLUMNS,
    });
  }

  /** Changes the survey only while it is a draft; false when it is not (or does not exist). */
  async updateDraft(
    id: string,
    data: { title?: string; questions?: SurveyQuestion[] },
  ): Promise<boolean> {
    const { count } = await this.prisma.wellbeingSurvey.updateMany({
      where: { id, status: 'draft' },
      data: {
        title: data.title,
        questions: data.questions ? json(data.questions) : undefined,
      },
    });
    return count === 1;
  }

  /**
   * Moves the survey only if it is still in the state the transition starts from: of two
   * racing calls, one moves it and the other finds nothing to move.
   */
  async transition(tx: Tx, id: string, transition: Transition): Promise<boolean> {
    const now = new Date();
    const { count } = await tx.wellbeingSurvey.updateMany({
      where: { id, status: transition.from },
      data: {
        status: transition.to,
        isActive: transition.to === 'open',
        ...(transition.to === 'open' ? { openedAt: now } : { closedAt: now }),
      },
    });
    return count === 1;
  }

  /** The survey's state, holding it until the transaction ends: closing waits for answers. */
  async lockedStatus(tx: Tx, id: string): Promise<string | null> {
    const [row] = await tx.$queryRaw<Array<{ status: string }>>`
      SELECT status FROM wellbeing_surveys WHERE id = ${id}::uuid FOR SHARE`;
    return row?.status ?? null;
  }

  /** Records that the employee answered (dated the day the survey opened); false when they had. */
  async addParticipation(
    tx: Tx,
    surveyId: string,
    employeeId: string,
    openingDay: Date,
  ): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO survey_participations (survey_id, employee_id, created_at)
      VALUES (${surveyId}::uuid, ${employeeId}::uuid, ${openingDay})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  async addResponse(
    tx: Tx,
    data: {
      surveyId: string;
      anonymousToken: string;
      responses: Record<string, unknown>;
      wellnessScore: number | null;
      department: string | null;
      createdAt: Date;
    },
  ): Promise<void> {
    await tx.surveyResponse.create({
      data: { ...data, responses: data.responses as Prisma.InputJsonValue },
      select: { id: true },
    });
  }
}
