import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { CursorQueryDto } from '../common/pagination/page.dto.js';
import { AssessmentsService } from './assessments.service.js';
import {
  AssessmentDto,
  AssessmentPageDto,
  AssessmentResultDto,
  CreateAssessmentDto,
  ResponseHistoryDto,
  SubmitResponseDto,
} from './dto/assessment.dto.js';

@ApiTags('assessments')
@ApiBearerAuth('bearer')
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  /**
   * One of the caller's own responses (another person's answers 404).
   *
   * @remarks
   * Its scores, band and the recommendations made when it was answered. Crisis resources are shown
   * only in the answer to the submission, never again.
   */
  @Get('responses/:responseId')
  response(
    @CurrentUser() user: AuthenticatedUser,
    @Param('responseId', ParseUUIDPipe) responseId: string,
  ): Promise<AssessmentResultDto> {
    return this.assessments.response(user.userId, responseId);
  }

  /**
   * The standard instruments (PHQ-9, GAD-7, WHO-5, PSS-10) and the custom ones the caller sees.
   *
   * @remarks
   * For any signed-in person: the standard instruments, custom ones made by platform admins, and
   * the caller's own; each with its questions, answer options and scoring. Oldest first, so the
   * standard instruments lead; paged with `limit` and `cursor`.
   */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<AssessmentPageDto> {
    return this.assessments.list(user.userId, query);
  }

  /**
   * Creates a custom assessment in the same schema as the standard ones.
   *
   * @remarks
   * For any signed-in person. Seen by its author only, or by everyone when a platform admin makes
   * it. A definition that does not hold together answers 400, naming each problem.
   */
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateAssessmentDto,
  ): Promise<AssessmentDto> {
    return this.assessments.create(user.userId, body);
  }

  /**
   * One assessment, with its questions and scoring.
   *
   * @remarks
   * Standard instruments, custom ones made by platform admins, and the caller's own; any other
   * answers 404.
   */
  @Get(':id')
  @ApiNotFoundResponse({ description: 'No such assessment visible to the caller.' })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.assessments.get(user.userId, id);
  }

  /**
   * Scores the caller's answers; every question answered once, with one of its values.
   *
   * @remarks
   * Answers the total and category scores, the band, and recommended courses (and, from a moderate
   * band, therapists). When the answers call for it, crisis lines for the caller's country are in
   * this answer only: not stored, logged or passed on. Responses are the person's alone; no
   * organisation sees them.
   */
  @Post(':id/responses')
  respond(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitResponseDto,
  ): Promise<AssessmentResultDto> {
    return this.assessments.respond(user.userId, id, body.answers);
  }

  /**
   * The caller's own responses to this assessment, newest first, with the change over time.
   *
   * @remarks
   * The latest 100, each with its scores and band; `change` is the latest total minus the earliest
   * (null with fewer than two).
   */
  @Get(':id/responses')
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ResponseHistoryDto> {
    return this.assessments.history(user.userId, id);
  }
}
