import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser, Principal } from '../auth/roles.js';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { RequestValidationException } from '../common/problem/validation.js';
import { PrismaService } from '../database/prisma.service.js';
import { Outbox } from '../jobs/outbox.js';
import { DISPATCH_WEBHOOKS } from '../webhooks/webhooks.jobs.js';
import type {
  CreateSurveyDto,
  SurveyDto,
  SurveyListQueryDto,
  SurveyPageDto,
  UpdateSurveyDto,
} from './dto/survey.dto.js';
import { NO_SUCH_SURVEY, SurveyAccess } from './survey-access.js';
import { SurveyAudienceRepository } from './survey-audience.repository.js';
import {
  type SurveyQuestion,
  surveyQuestionProblems,
  toStoredQuestions,
} from './survey-questions.js';
import {
  editRefusal,
  type SurveyStatus,
  TRANSITIONS,
  type Transition,
  transitionRefusal,
} from './survey-status.js';
import { type StoredSurvey, type SurveyScope, SurveysRepository } from './surveys.repository.js';

/** Surveys from draft to closed, for the people and HR systems that run them. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly surveys: SurveysRepository,
    private readonly access: SurveyAccess,
    private readonly prisma: PrismaService,
    private readonly outbox: Outbox,
    private readonly audience: SurveyAudienceRepository,
  ) {}

  async create(principal: Principal, orgId: string, input: CreateSurveyDto): Promise<SurveyDto> {
    await this.access.assertCanLead(principal, orgId);
    const questions = checkedQuestions(input.questions);
    const survey = await this.surveys.create({
      orgId,
      title: input.title,
      questions,
      createdBy: principal.kind === 'user' ? principal.userId : null,
    });
    return toSurveyDto(survey);
  }

  async list(
    principal: Principal,
    orgId: string,
    query: SurveyListQueryDto,
  ): Promise<SurveyPageDto> {
    await this.access.assertCanLead(principal, orgId);
    return this.page({ orgId, status: query.status }, query.limit, query.cursor);
  }

  /** The open surveys of every organisation the person is an active member of. */
  listOpen(
    user: AuthenticatedUser,
    query: { limit?: number; cursor?: string },
  ): Promise<SurveyPageDto> {
    return this.page({ openForMemberUserId: user.userId }, query.limit, query.cursor);
  }

  async get(principal: Principal, id: string): Promise<SurveyDto> {
    return toSurveyDto(await this.access.forViewer(principal, id));
  }

  async update(principal: Principal, id: string, input: UpdateSurveyDto): Promise<SurveyDto> {
    const survey = await this.access.forLead(principal, id);
    const questions = input.questions ? checkedQuestions(input.questions) : undefined;
    if (!(await this.surveys.updateDraft(id, { title: input.title, questions }))) {
      // Opened meanwhile, or before: say what it is now.
      const current = (await this.surveys.find(id))?.status ?? survey.status;
      throw new ConflictException(editRefusal(current));
    }
    return toSurveyDto(await this.existing(id));
  }

  open(principal: Principal, id: string): Promise<SurveyDto> {
    return this.move(principal, id, TRANSITIONS.open);
  }

  close(principal: Principal, id: string): Promise<SurveyDto> {
    return this.move(principal, id, TRANSITIONS.close);
  }

  /**
   * One transaction: the survey moves and the webhook event is queued together, or neither
   * happens (a subscriber never hears of an opening that was rolled back, nor misses one).
   */
  private async move(principal: Principal, id: string, transition: Transition): Promise<SurveyDto> {
    const { orgId } = await this.access.forLead(principal, id);
    const moved = await this.prisma.$transaction(async (tx) => {
      if (!(await this.surveys.transition(tx, id, transition))) {
        const current = await this.surveys.find(id, tx);
        throw new ConflictException(transitionRefusal(current?.status ?? 'gone', transition));
      }
      // Who may answer, their departments and the thresholds are fixed as the survey opens;
      // its participation as it closes. Nothing the organisation changes later reaches them.
      if (transition.to === 'open') {
        const opened = await this.surveys.find(id, tx);
        await this.audience.freezeAtOpen(tx, id, orgId, opened!.openedAt!);
      } else {
        await this.audience.freezeParticipation(tx, id);
      }
      // Keyed by the event itself: rows of one key collapse in the relay, and each must go out.
      await this.outbox.add(tx, DISPATCH_WEBHOOKS, `${transition.event}:${id}`, {
        orgId,
        event: transition.event,
        surveyId: id,
        occurredAt: new Date().toISOString(),
      });
      return this.surveys.find(id, tx);
    });
    if (!moved) throw new NotFoundException(NO_SUCH_SURVEY);
    return toSurveyDto(moved);
  }

  private async page(scope: SurveyScope, limit = 20, cursor?: string): Promise<SurveyPageDto> {
    const rows = await this.surveys.page(scope, limit, cursor ? decodeCursor(cursor) : undefined);
    return toPage(rows, limit, toSurveyDto);
  }

  private async existing(id: string): Promise<StoredSurvey> {
    const survey = await this.surveys.find(id);
    if (!survey) throw new NotFoundException(NO_SUCH_SURVEY);
    return survey;
  }
}

/** The questions as stored, or the request refused with the path of each problem. */
function checkedQuestions(questions: SurveyQuestion[]): SurveyQuestion[] {
  const problems = surveyQuestionProblems(questions);
  if (problems.length > 0) throw new RequestValidationException(problems);
  return toStoredQuestions(questions);
}

export function toSurveyDto(survey: StoredSurvey): SurveyDto {
  return {
    id: survey.id,
    orgId: survey.orgId,
    title: survey.title,
    status: survey.status as SurveyStatus,
    questions: survey.questions as unknown as SurveyDto['questions'],
    openedAt: survey.openedAt,
    closedAt: survey.closedAt,
    createdAt: survey.createdAt,
    updatedAt: survey.updatedAt,
  };
}
