import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../../common/pagination/page.dto.js';
import { URL_MAX_LENGTH } from '../../common/validation/text-limits.js';
import { COURSE_TITLE_MAX_LENGTH } from '../../courses/dto/course.dto.js';
import { THERAPIST_NAME_MAX_LENGTH } from '../../therapists/dto/therapist.dto.js';
import {
  CRISIS_TEXT_MAX_LENGTH,
  type CrisisResource,
  MAX_CRISIS_LINES_SHOWN,
} from '../crisis-resources.js';

const TITLE_MAX_LENGTH = 200;
const BAND_LABEL_MAX_LENGTH = 50;
/** Up to this many courses and, from a moderate level on, as many therapists. */
export const RECOMMENDATIONS_PER_KIND = 3;
const MAX_RECOMMENDATIONS = 2 * RECOMMENDATIONS_PER_KIND;
/** A person's latest responses to one assessment. */
export const MAX_HISTORY = 100;
/** The values an answer option can have. */
const OPTION_VALUE_MIN = 0;
const OPTION_VALUE_MAX = 100;

class AnswerOptionDto {
  @IsInt()
  @Min(OPTION_VALUE_MIN)
  @Max(OPTION_VALUE_MAX)
  value!: number;

  @IsString()
  @Length(1, 100)
  label!: string;
}

class QuestionDto {
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  @MaxLength(32)
  id!: string;

  @IsString()
  @Length(1, 500)
  text!: string;

  @ValidateNested({ each: true })
  @Type(() => AnswerOptionDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(11)
  options!: AnswerOptionDto[];

  @IsOptional()
  @IsString()
  @Length(1, 50)
  category?: string;

  /** Score the item max + min - value. */
  @IsOptional()
  @IsBoolean()
  reverse?: boolean;

  /** An answer above this value calls for crisis resources. */
  @IsOptional()
  @IsInt()
  crisisAbove?: number;
}

class BandDto {
  @IsInt()
  min!: number;

  @IsInt()
  max!: number;

  @IsString()
  @Length(1, BAND_LABEL_MAX_LENGTH)
  label!: string;

  @ApiProperty({ enum: ['none', 'mild', 'moderate', 'severe'] })
  @IsIn(['none', 'mild', 'moderate', 'severe'])
  level!: 'none' | 'mild' | 'moderate' | 'severe';

  @IsOptional()
  @IsBoolean()
  crisis?: boolean;
}

class ScoringDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  multiplier?: number;

  @ValidateNested({ each: true })
  @Type(() => BandDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  bands!: BandDto[];

  /** What recommendations are matched by, e.g. "sleep". */
  @IsString()
  @Length(1, 50)
  topic!: string;
}

/** A custom assessment: the same schema as the standard instruments (see README). */
export class CreateAssessmentDto {
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  questions!: QuestionDto[];

  @ValidateNested()
  @Type(() => ScoringDto)
  scoring!: ScoringDto;
}

/** An instrument's questions and scoring, as the standard instruments and custom ones hold them. */
export class AssessmentDefinitionDto extends OmitType(CreateAssessmentDto, ['title'] as const) {}

export class AssessmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['phq9', 'gad7', 'who5', 'pss10', 'custom'] })
  assessmentType!: string;

  @ApiProperty({ maxLength: TITLE_MAX_LENGTH })
  title!: string;

  @ApiProperty({ description: 'Questions and scoring, in the schema described in the README.' })
  definition!: AssessmentDefinitionDto;
}

/** One page of the assessments the caller sees, oldest first (the standard instruments lead). */
export class AssessmentPageDto {
  @ApiProperty({ type: [AssessmentDto], maxItems: PAGE_MAX_LIMIT })
  items!: AssessmentDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}

export class SubmitResponseDto {
  /** Question id -> the chosen option's value. */
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'integer',
      format: 'int32',
      minimum: OPTION_VALUE_MIN,
      maximum: OPTION_VALUE_MAX,
    },
    example: { q1: 0, q2: 1 },
  })
  @IsObject()
  answers!: Record<string, number>;
}

/** A place to turn to now: from the shipped list or CRISIS_RESOURCES_FILE. */
export class CrisisResourceDto {
  @ApiProperty({ maxLength: CRISIS_TEXT_MAX_LENGTH, example: 'Samaritans' })
  name!: string;

  /** How to reach it: a number to call or text, an address. */
  @ApiProperty({ maxLength: CRISIS_TEXT_MAX_LENGTH, example: '116 123' })
  contact!: string;

  @ApiPropertyOptional({ maxLength: URL_MAX_LENGTH, example: 'https://www.samaritans.org' })
  url?: string;
}

export class BandDtoOut {
  @ApiProperty({ maxLength: BAND_LABEL_MAX_LENGTH })
  label!: string;
  @ApiProperty({ enum: ['none', 'mild', 'moderate', 'severe'] })
  level!: string;
}

export class RecommendationDto {
  @ApiProperty({ enum: ['course', 'therapist'] })
  kind!: 'course' | 'therapist';
  @ApiProperty({ format: 'uuid' })
  id!: string;
  /** The course's title or the therapist's name. */
  @ApiProperty({ maxLength: Math.max(COURSE_TITLE_MAX_LENGTH, THERAPIST_NAME_MAX_LENGTH) })
  title!: string;
}

export class AssessmentResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  totalScore!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  categoryScores!: Record<string, number>;
  band!: BandDtoOut;
  @ApiProperty({ type: [RecommendationDto], maxItems: MAX_RECOMMENDATIONS })
  recommendations!: RecommendationDto[];
  /** Present when the answers call for immediate support; shown to the person only. */
  @ApiPropertyOptional({ type: [CrisisResourceDto], maxItems: MAX_CRISIS_LINES_SHOWN })
  crisisResources?: CrisisResource[];
  completedAt!: Date;
}

export class ResponseHistoryDto {
  @ApiProperty({ type: [AssessmentResultDto], maxItems: MAX_HISTORY })
  items!: AssessmentResultDto[];
  /** Latest total minus the earliest; null with fewer than two responses. */
  change!: number | null;
}
