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
  Min,
  ValidateNested,
} from 'class-validator';
import type { CrisisResource } from '../crisis-resources.js';

class AnswerOptionDto {
  @IsInt()
  @Min(0)
  @Max(100)
  value!: number;

  @IsString()
  @Length(1, 100)
  label!: string;
}

class QuestionDto {
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
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
  @Length(1, 50)
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
  @Length(1, 200)
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

  title!: string;

  @ApiProperty({ description: 'Questions and scoring, in the schema described in the README.' })
  definition!: AssessmentDefinitionDto;
}

/** One page of the assessments the caller sees, oldest first (the standard instruments lead). */
export class AssessmentPageDto {
  @ApiProperty({ type: [AssessmentDto] })
  items!: AssessmentDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
}

export class SubmitResponseDto {
  /** Question id -> the chosen option's value. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { q1: 0, q2: 1 },
  })
  @IsObject()
  answers!: Record<string, number>;
}

export class BandDtoOut {
  label!: string;
  @ApiProperty({ enum: ['none', 'mild', 'moderate', 'severe'] })
  level!: string;
}

export class RecommendationDto {
  @ApiProperty({ enum: ['course', 'therapist'] })
  kind!: 'course' | 'therapist';
  @ApiProperty({ format: 'uuid' })
  id!: string;
  title!: string;
}

export class AssessmentResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  totalScore!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  categoryScores!: Record<string, number>;
  band!: BandDtoOut;
  @ApiProperty({ type: [RecommendationDto] })
  recommendations!: RecommendationDto[];
  /** Present when the answers call for immediate support; shown to the person only. */
  @ApiPropertyOptional()
  crisisResources?: CrisisResource[];
  completedAt!: Date;
}

export class ResponseHistoryDto {
  @ApiProperty({ type: [AssessmentResultDto] })
  items!: AssessmentResultDto[];
  /** Latest total minus the earliest; null with fewer than two responses. */
  change!: number | null;
}
