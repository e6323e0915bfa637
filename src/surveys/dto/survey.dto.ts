import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { ANSWER_RANGES, MAX_FREE_TEXT_LENGTH, MAX_QUESTIONS } from '../survey-questions.js';

const TITLE_MAX_LENGTH = 200;
import { SURVEY_STATUSES, type SurveyStatus } from '../survey-status.js';
import { SurveyQuestionDto } from './survey-question.dto.js';

export class CreateSurveyDto {
  @ApiProperty({ example: 'Autumn pulse' })
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  title!: string;

  /** 1 to 50 questions, in the order they are asked. */
  @ApiProperty({ type: [SurveyQuestionDto], minItems: 1, maxItems: MAX_QUESTIONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions!: SurveyQuestionDto[];
}

/** Changes a draft; an open or closed survey answers 409. */
export class UpdateSurveyDto {
  @ApiPropertyOptional({ example: 'Autumn pulse 2027' })
  @IsOptional()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  title?: string;

  /** Replaces all the questions. */
  @ApiPropertyOptional({ type: [SurveyQuestionDto], minItems: 1, maxItems: MAX_QUESTIONS })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions?: SurveyQuestionDto[];
}

export class SurveyListQueryDto extends PickType(PageQueryDto, ['limit', 'cursor'] as const) {
  /** Only surveys in this state. */
  @ApiPropertyOptional({ enum: SURVEY_STATUSES })
  @IsOptional()
  @IsIn(SURVEY_STATUSES)
  status?: SurveyStatus;
}

export class OpenSurveysQueryDto extends PickType(PageQueryDto, ['limit', 'cursor'] as const) {}

export class SurveyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  orgId!: string;

  @ApiProperty({ maxLength: TITLE_MAX_LENGTH })
  title!: string;

  @ApiProperty({ enum: SURVEY_STATUSES })
  status!: SurveyStatus;

  @ApiProperty({ type: [SurveyQuestionDto], maxItems: MAX_QUESTIONS })
  questions!: SurveyQuestionDto[];

  openedAt!: Date | null;
  closedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class SurveyPageDto {
  @ApiProperty({ type: [SurveyDto], maxItems: PAGE_MAX_LIMIT })
  items!: SurveyDto[];
  @ApiNextCursor()
  nextCursor!: string | null;
}

export class SubmitSurveyResponseDto {
  /**
   * Question id -> answer: a whole number for likert (1-5) and scale (0-10), one of the options
   * for single_choice, text for free_text. Leave out (or send null for) an optional question to
   * skip it.
   */
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [
        {
          type: 'integer',
          format: 'int32',
          minimum: Math.min(ANSWER_RANGES.likert.min, ANSWER_RANGES.scale.min),
          maximum: Math.max(ANSWER_RANGES.likert.max, ANSWER_RANGES.scale.max),
        },
        { type: 'string', minLength: 1, maxLength: MAX_FREE_TEXT_LENGTH },
      ],
    },
    example: { workload: 4, 'energy-level': 7, 'work-setting': 'Hybrid' },
  })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class SurveyResponseReceivedDto {
  /** Always true. Nothing that identifies the response is given back. */
  received!: boolean;
}
