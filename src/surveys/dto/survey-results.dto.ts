import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEPARTMENT_MAX_LENGTH } from '../../orgs/dto/org.dto.js';
import {
  MAX_FREE_TEXT_LENGTH,
  MAX_QUESTIONS,
  QUESTION_ID_MAX_LENGTH,
  QUESTION_TYPES,
  type QuestionType,
} from '../survey-questions.js';
import { REASON_MAX_LENGTH } from '../survey-results.js';
import { SURVEY_STATUSES, type SurveyStatus } from '../survey-status.js';

/** Members taking part; or, below the threshold, only why not. */
export class SurveyParticipationDto {
  /** Members of the survey's audience (as it opened) in the group. */
  eligible?: number;
  /** Of those, how many answered. */
  responded?: number;
  /** responded / eligible, 0..1 (3 decimals); null with no eligible member. */
  @ApiPropertyOptional({ type: 'number', nullable: true })
  rate?: number | null;
  /** Why the figures are hidden. */
  @ApiPropertyOptional({ maxLength: REASON_MAX_LENGTH })
  suppressed?: string;
}

export class QuestionResultDto {
  @ApiProperty({ maxLength: QUESTION_ID_MAX_LENGTH })
  id!: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  type!: QuestionType;

  /** How many responses answered it. */
  count?: number;

  /** likert and scale: the mean answer (2 decimals). */
  mean?: number;

  /** likert, scale and single_choice: answer -> how many gave it. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647 },
    example: { '1': 2, '4': 9, '5': 3 },
  })
  distribution?: Record<string, number>;

  /** Why the figures are hidden. */
  @ApiPropertyOptional({ maxLength: REASON_MAX_LENGTH })
  suppressed?: string;
}

/**
 * A department shown on its own, or with `merged` the departments too small to be shown alone,
 * taken together (present only when they hold at least the minimum group size together).
 */
export class DepartmentResultDto {
  /** The department; null for people with none recorded; "Other" for the merged group. */
  @ApiProperty({ type: 'string', nullable: true, maxLength: DEPARTMENT_MAX_LENGTH })
  department!: string | null;

  merged!: boolean;
  responseCount!: number;

  /** Mean wellness score (0..100) of the group; null when too few responses have one. */
  @ApiProperty({ type: 'number', nullable: true })
  wellnessMean!: number | null;

  participation!: SurveyParticipationDto;
}

export class FreeTextAnswersDto {
  @ApiProperty({ maxLength: QUESTION_ID_MAX_LENGTH })
  questionId!: string;
  /** In random order, with nothing about who wrote them or when. */
  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: MAX_FREE_TEXT_LENGTH } })
  answers!: string[];
}

/** The thresholds a survey's results are shown under: the organisation's when it opened. */
export class SurveyThresholdsDto {
  /** No figure stands on fewer responses (or members). */
  minGroupSize!: number;

  /** A free-text question's answers are listed only with at least this many. */
  commentsMinGroupSize!: number;
}

export class SurveyResultsDto {
  @ApiProperty({ format: 'uuid' })
  surveyId!: string;

  @ApiProperty({ enum: SURVEY_STATUSES })
  status!: SurveyStatus;

  /** The same as `thresholds.minGroupSize`, kept for clients written before thresholds. */
  minGroupSize!: number;

  /** The thresholds in force when the survey opened, which its results keep for ever. */
  thresholds!: SurveyThresholdsDto;

  responseCount!: number;

  /** Why nothing but the counts is shown (survey still open, or too few responses). */
  @ApiPropertyOptional({ maxLength: REASON_MAX_LENGTH })
  suppressed?: string;

  /** Mean wellness score (0..100) of the responses that have one. */
  @ApiProperty({ type: 'number', nullable: true })
  wellnessMean!: number | null;

  participation!: SurveyParticipationDto;

  @ApiProperty({ type: [QuestionResultDto], maxItems: MAX_QUESTIONS })
  questions!: QuestionResultDto[];

  @ApiProperty({ type: [DepartmentResultDto] })
  departments!: DepartmentResultDto[];

  /**
   * Free-text answers of each question answered at least `thresholds.commentsMinGroupSize`
   * times, shuffled; questions with fewer are left out.
   */
  @ApiPropertyOptional({ type: [FreeTextAnswersDto], maxItems: MAX_QUESTIONS })
  freeText?: FreeTextAnswersDto[];
}
