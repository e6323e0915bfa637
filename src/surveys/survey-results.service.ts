import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles.js';
import { BoundedMemo } from '../common/cache/bounded-memo.js';
import { SURVEY_FREE_TEXT } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import type {
  FreeTextAnswersDto,
  SurveyResultsDto,
  SurveyThresholdsDto,
} from './dto/survey-results.dto.js';
import { SurveyAccess } from './survey-access.js';
import type { SurveyQuestion } from './survey-questions.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { SurveyAudienceRepository } from './survey-audience.repository.js';
import {
  buildSurveyFigures,
  type DepartmentTally,
  listedFreeText,
  type ParticipationTally,
  type QuestionTally,
} from './survey-results.js';
import { SurveyResultsRepository } from './survey-results.repository.js';
import type { StoredSurvey } from './surveys.repository.js';
import type { SurveyStatus } from './survey-status.js';

/** Closed surveys whose answer tallies a process keeps: a few kilobytes each. */
const REMEMBERED_SURVEYS = 200;

/** How an organisation answered a survey, never how a person did. */
@Injectable()
export class SurveyResultsService {
  /**
   * A closed survey takes no more answers and never reopens, so its tallies are final: computed
   * once per process instead of on every read (the two grouped scans of its responses were most
   * of a results request at 10,000 responses). Its participation is stored with it at close.
   */
  private readonly closedTallies = new BoundedMemo<{
    departments: DepartmentTally[];
    questionTallies: QuestionTally[];
  }>(REMEMBERED_SURVEYS);

  constructor(
    private readonly access: SurveyAccess,
    private readonly tallies: SurveyResultsRepository,
    private readonly encrypted: SealedColumns,
    private readonly audience: SurveyAudienceRepository,
    private readonly orgs: OrgsService,
  ) {}

  async resultsOf(principal: Principal, surveyId: string): Promise<SurveyResultsDto> {
    const survey = await this.access.forLead(principal, surveyId);
    const questions = survey.questions as unknown as SurveyQuestion[];
    const thresholds = await this.thresholdsOf(survey);
    const [{ departments, questionTallies }, participation] = await Promise.all([
      survey.status === 'closed' && survey.closedAt
        ? this.closedTallies.get(`${surveyId}:${survey.closedAt.toISOString()}`, () =>
            this.answerTallies(surveyId),
          )
        : this.answerTallies(surveyId),
      survey.participationTallies
        ? (survey.participationTallies as unknown as ParticipationTally[])
        : this.audience.participation(surveyId),
    ]);
    const figures = buildSurveyFigures({
      status: survey.status,
      minGroupSize: thresholds.minGroupSize,
      questions,
      departments,
      questionTallies,
      participation,
    });
    return {
      surveyId,
      status: survey.status as SurveyStatus,
      minGroupSize: thresholds.minGroupSize,
      thresholds,
      ...figures,
      ...(figures.suppressed
        ? {}
        : {
            freeText: await this.freeText(
              survey,
              listedFreeText(questions, questionTallies, thresholds.commentsMinGroupSize),
            ),
          }),
    };
  }

  /**
   * The thresholds a survey is shown under: those frozen when it opened. A draft has none yet,
   * and shows nothing but its count; the organisation's current ones stand in.
   */
  private async thresholdsOf(survey: StoredSurvey): Promise<SurveyThresholdsDto> {
    if (survey.minGroupSize !== null && survey.commentsMinGroupSize !== null) {
      return {
        minGroupSize: survey.minGroupSize,
        commentsMinGroupSize: survey.commentsMinGroupSize,
      };
    }
    const { minGroupSize, commentsMinGroupSize } = await this.orgs.settingsOf(survey.orgId);
    return { minGroupSize, commentsMinGroupSize };
  }

  private async answerTallies(surveyId: string) {
    const [departments, questionTallies] = await Promise.all([
      this.tallies.departmentTallies(surveyId),
      this.tallies.questionTallies(surveyId),
    ]);
    return { departments, questionTallies };
  }

  /**
   * Each listed question's answers shuffled on their own, so two answers of one person never
   * pair up; never per department, never with a time.
   */
  private async freeText(survey: StoredSurvey, ids: string[]): Promise<FreeTextAnswersDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.tallies.freeTextAnswers(survey.id, ids);
    return ids.map((questionId) => ({
      questionId,
      answers: shuffled(
        rows
          .filter((row) => row.questionId === questionId)
          .map((row) =>
            this.encrypted.openField(
              SURVEY_FREE_TEXT,
              { survey_id: survey.id },
              questionId,
              row.answer,
            ),
          ),
      ),
    }));
  }
}

/** Fisher-Yates with a cryptographic source: the order says nothing of when anyone answered. */
function shuffled<T>(items: T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
