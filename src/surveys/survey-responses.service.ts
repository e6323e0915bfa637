import { randomBytes } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { SURVEY_FREE_TEXT } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import { RequestValidationException } from '../common/problem/validation.js';
import { PrismaService } from '../database/prisma.service.js';
import { Outbox } from '../jobs/outbox.js';
import { RECOMPUTE_WELLNESS } from '../org-wellness/org-wellness.jobs.js';
import type { SurveyResponseReceivedDto } from './dto/survey.dto.js';
import { SurveyAccess } from './survey-access.js';
import { SurveyAudienceRepository } from './survey-audience.repository.js';
import { type Answers, checkAnswers } from './survey-answers.js';
import type { SurveyQuestion } from './survey-questions.js';
import { SurveysRepository } from './surveys.repository.js';
import { computeWellnessScore } from './wellness-score.js';

const NOT_OPEN = 'This survey is closed; answers are taken only while it is open.';
const ALREADY_ANSWERED = 'You have already answered this survey.';
const NOT_IN_AUDIENCE =
  'This survey is for the people who were members when it opened; you joined after.';

export const startOfUtcDay = (date: Date) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/**
 * Anonymous answers. That a member answered is recorded (so they answer once); what they
 * answered is stored apart, with nothing that leads back to them: no user or employee id, a
 * random token, and for time only the day the survey opened, which every row of it shares.
 * The department is the one the member had at opening, kept only when that department of the
 * audience reached the survey's threshold: in a smaller one it alone could name the respondent.
 */
@Injectable()
export class SurveyResponsesService {
  constructor(
    private readonly access: SurveyAccess,
    private readonly surveys: SurveysRepository,
    private readonly prisma: PrismaService,
    private readonly encrypted: SealedColumns,
    private readonly outbox: Outbox,
    private readonly audience: SurveyAudienceRepository,
  ) {}

  async respond(
    userId: string,
    surveyId: string,
    given: Record<string, unknown>,
  ): Promise<SurveyResponseReceivedDto> {
    const { survey, membership } = await this.access.forRespondent(userId, surveyId);
    if (survey.status !== 'open') throw new ConflictException(NOT_OPEN);
    // The questions cannot change once a survey is open, so these stay the ones answered.
    const questions = survey.questions as unknown as SurveyQuestion[];
    const checked = checkAnswers(questions, given);
    if (!checked.ok) throw new RequestValidationException(checked.errors);
    const openingDay = startOfUtcDay(survey.openedAt!);
    // Atomic: a participation without its response (or the reverse) would either lock the
    // person out of a survey they never answered or let them answer twice.
    await this.prisma.$transaction(async (tx) => {
      if ((await this.surveys.lockedStatus(tx, surveyId)) !== 'open')
        throw new ConflictException(NOT_OPEN);
      const seat = await this.audience.seatOf(tx, surveyId, membership.employeeId);
      if (!seat) throw new ForbiddenException(NOT_IN_AUDIENCE);
      if (!(await this.surveys.addParticipation(tx, surveyId, membership.employeeId, openingDay)))
        throw new ConflictException(ALREADY_ANSWERED);
      await this.surveys.addResponse(tx, {
        surveyId,
        anonymousToken: randomBytes(32).toString('base64url'),
        responses: this.sealed(surveyId, questions, checked.answers),
        wellnessScore: computeWellnessScore(questions, checked.answers),
        department: seat.departmentSize >= survey.minGroupSize! ? seat.department : null,
        createdAt: openingDay,
      });
      await this.outbox.add(tx, RECOMPUTE_WELLNESS, survey.orgId, { orgId: survey.orgId });
    });
    // Neither the response's id nor its token goes back: a respondent holding a handle on
    // their answers could be asked to show them, and nothing here needs one.
    return { received: true };
  }

  /**
   * The answers as stored: free text encrypted, the rest as given. Free text is bound to the
   * survey and question, never to the response, which must stay unlinkable.
   */
  private sealed(surveyId: string, questions: SurveyQuestion[], answers: Answers) {
    const freeText = new Set(questions.filter((q) => q.type === 'free_text').map((q) => q.id));
    return Object.fromEntries(
      Object.entries(answers).map(([id, value]) => [
        id,
        freeText.has(id)
          ? this.encrypted.sealField(SURVEY_FREE_TEXT, { survey_id: surveyId }, id, String(value))
          : value,
      ]),
    );
  }
}
