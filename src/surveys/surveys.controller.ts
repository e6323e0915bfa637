import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AllowClients } from '../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal, CurrentUser } from '../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser, Principal } from '../auth/roles.js';
import {
  CreateSurveyDto,
  OpenSurveysQueryDto,
  SubmitSurveyResponseDto,
  SurveyDto,
  SurveyListQueryDto,
  SurveyPageDto,
  SurveyResponseReceivedDto,
  UpdateSurveyDto,
} from './dto/survey.dto.js';
import { SurveyResultsDto } from './dto/survey-results.dto.js';

/** What an HR system reads for a closed survey of 42 answers in an organisation of threshold 5. */
const RESULTS_EXAMPLE = {
  surveyId: '6f1c2a34-8f0e-4d8a-9d55-0c2f1f8e4a11',
  status: 'closed',
  minGroupSize: 5,
  thresholds: { minGroupSize: 5, commentsMinGroupSize: 10 },
  responseCount: 42,
  wellnessMean: 61.4,
  participation: { eligible: 60, responded: 42, rate: 0.7 },
  questions: [
    {
      id: 'rested',
      type: 'likert',
      count: 42,
      mean: 3.4,
      distribution: { '1': 3, '2': 6, '3': 10, '4': 15, '5': 8 },
    },
  ],
  departments: [
    {
      department: 'Engineering',
      merged: false,
      responseCount: 18,
      wellnessMean: 58.2,
      participation: { eligible: 24, responded: 18, rate: 0.75 },
    },
    {
      department: 'Sales',
      merged: false,
      responseCount: 14,
      wellnessMean: 66.0,
      participation: { eligible: 20, responded: 14, rate: 0.7 },
    },
    {
      department: 'Other',
      merged: true,
      responseCount: 10,
      wellnessMean: 60.1,
      participation: { eligible: 16, responded: 10, rate: 0.625 },
    },
  ],
  freeText: [{ questionId: 'ideas', answers: ['Quieter mornings', 'Fewer meetings on Fridays'] }],
};
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveysService } from './surveys.service.js';

@ApiTags('surveys', 'HR integration')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId/surveys')
export class OrgSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  /**
   * Drafts a survey.
   *
   * @remarks
   * For the organisation's admin, its managers, platform admins and HR clients with
   * `surveys:write`; anyone else gets 404. 1 to 50 questions; a draft can be changed until it is
   * opened, and members see nothing of it until then.
   */
  @Post()
  @AllowClients('surveys:write')
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateSurveyDto,
  ): Promise<SurveyDto> {
    return this.surveys.create(principal, orgId, body);
  }

  /**
   * The organisation's surveys, newest first.
   *
   * @remarks
   * For the organisation's admin, its managers, platform admins and HR clients with `surveys:read`
   * or `surveys:write`; anyone else gets 404. Filtered by `status`, paged with `limit` and
   * `cursor`. Members find the surveys they may answer at `GET /v1/surveys/open`.
   */
  @Get()
  @AllowClients('surveys:read', 'surveys:write')
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: SurveyListQueryDto,
  ): Promise<SurveyPageDto> {
    return this.surveys.list(principal, orgId, query);
  }
}

@ApiTags('surveys')
@ApiBearerAuth('bearer')
@Controller('surveys')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly responses: SurveyResponsesService,
    private readonly surveyResults: SurveyResultsService,
  ) {}

  /**
   * The open surveys the caller may answer, newest first.
   *
   * @remarks
   * For any signed-in person: surveys whose audience, fixed when they opened, includes the caller
   * as a current member. Paged with `limit` and `cursor`.
   */
  @Get('open')
  listOpen(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: OpenSurveysQueryDto,
  ): Promise<SurveyPageDto> {
    return this.surveys.listOpen(user, query);
  }

  /**
   * One survey, with its questions.
   *
   * @remarks
   * In any state for those who run the organisation's surveys (its admin, managers, platform
   * admins, HR clients with `surveys:read` or `surveys:write`); for its current members only while
   * it is open. Anyone else gets 404.
   */
  @ApiTags('HR integration')
  @Get(':id')
  @AllowClients('surveys:read', 'surveys:write')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SurveyDto> {
    return this.surveys.get(principal, id);
  }

  /**
   * Changes the title or questions of a draft.
   *
   * @remarks
   * For those who run the organisation's surveys (HR clients with `surveys:write`); anyone else
   * gets 404. An open or closed survey answers 409: its questions are fixed once it opens.
   */
  @ApiTags('HR integration')
  @Patch(':id')
  @ApiConflictResponse({ description: 'Only a draft survey can be edited.' })
  @AllowClients('surveys:write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSurveyDto,
  ): Promise<SurveyDto> {
    return this.surveys.update(principal, id, body);
  }

  /**
   * Opens a draft for answers; its questions are fixed from now on.
   *
   * @remarks
   * For those who run the organisation's surveys (HR clients with `surveys:write`); anyone else
   * gets 404. Who may answer, their departments and the privacy thresholds are fixed now too, and
   * subscribed webhooks receive `survey.opened`. A survey that is not a draft answers 409.
   */
  @ApiTags('HR integration')
  @Post(':id/open')
  @ApiConflictResponse({ description: 'Only a draft survey can be opened.' })
  @HttpCode(HttpStatus.OK)
  @AllowClients('surveys:write')
  open(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SurveyDto> {
    return this.surveys.open(principal, id);
  }

  /**
   * Closes an open survey for good.
   *
   * @remarks
   * For those who run the organisation's surveys (HR clients with `surveys:write`); anyone else
   * gets 404. No more answers are taken and participation is fixed; results show their figures from
   * now on, if enough members answered. Subscribed webhooks receive `survey.closed`. A survey that
   * is not open answers 409.
   */
  @ApiTags('HR integration')
  @Post(':id/close')
  @ApiConflictResponse({ description: 'Only an open survey can be closed.' })
  @HttpCode(HttpStatus.OK)
  @AllowClients('surveys:write')
  close(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SurveyDto> {
    return this.surveys.close(principal, id);
  }

  /**
   * Answers an open survey of the caller's organisation, once and anonymously.
   *
   * @remarks
   * For members who were in its audience when it opened (403 for those who joined later). Only that
   * the caller answered is recorded against them; the answers are stored with nothing that leads
   * back to them, and nothing that identifies them is answered. A second answer, or a survey no
   * longer open, answers 409.
   */
  @Post(':id/responses')
  @ApiForbiddenResponse({
    description: 'You were not a member of the organisation when the survey opened.',
  })
  @ApiConflictResponse({ description: 'The survey is not open, or you have already answered it.' })
  respond(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitSurveyResponseDto,
  ): Promise<SurveyResponseReceivedDto> {
    return this.responses.respond(user.userId, id, body.answers);
  }

  /**
   * How the organisation answered a survey, in aggregate.
   *
   * @remarks
   * For those who run the organisation's surveys, and HR clients with `surveys:read`. Figures show
   * only once the survey is closed and at least minGroupSize members (the threshold fixed when it
   * opened) answered; per question and per department, with departments too small to show merged or
   * suppressed so none can be derived from the rest. Free-text answers are listed, shuffled, only
   * for questions answered at least commentsMinGroupSize times.
   */
  @Get(':id/results')
  @AllowClients('surveys:read')
  @ApiTags('HR integration')
  @ApiOkResponse({ type: SurveyResultsDto, example: RESULTS_EXAMPLE })
  results(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SurveyResultsDto> {
    return this.surveyResults.resultsOf(principal, id);
  }
}
