import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  MAX_FREE_TEXT_LENGTH,
  MAX_OPTIONS,
  MIN_OPTIONS,
  OPTION_MAX_LENGTH,
  QUESTION_ID_MAX_LENGTH,
  QUESTION_ID_PATTERN,
  QUESTION_TEXT_MAX_LENGTH,
  QUESTION_TYPES,
  type QuestionType,
  WELLNESS_DIRECTIONS,
  type WellnessDirection,
} from '../survey-questions.js';

export class WellnessWeightDto {
  /** `positive`: a higher answer means better wellbeing; `negative`: a higher answer, worse. */
  @ApiProperty({ enum: WELLNESS_DIRECTIONS })
  @IsIn(WELLNESS_DIRECTIONS)
  direction!: WellnessDirection;

  /** How much the question counts in the wellness score relative to the others. */
  @ApiProperty({ minimum: 0, maximum: 10, example: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10)
  weight!: number;
}

/**
 * One question. `likert` is answered 1 (strongly disagree) to 5 (strongly agree), `scale` 0 to
 * 10, `single_choice` with one of its `options`, `free_text` with up to `maxLength` characters.
 */
export class SurveyQuestionDto {
  /** Unique within the survey: lowercase letters and digits joined by - or _. */
  @ApiProperty({ example: 'workload', maxLength: QUESTION_ID_MAX_LENGTH })
  @IsString()
  @MaxLength(QUESTION_ID_MAX_LENGTH)
  @Matches(QUESTION_ID_PATTERN, { message: 'id must be a slug such as "workload-1"' })
  id!: string;

  @ApiProperty({ example: 'My workload is manageable.' })
  @IsString()
  @Length(1, QUESTION_TEXT_MAX_LENGTH)
  text!: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type!: QuestionType;

  /** Whether a response must answer it. */
  @IsBoolean()
  required!: boolean;

  /** single_choice only, and required there: 2 to 20 distinct options. */
  @ApiPropertyOptional({
    type: [String],
    minItems: MIN_OPTIONS,
    maxItems: MAX_OPTIONS,
    example: ['Office', 'Remote', 'Hybrid'],
  })
  @ValidateIf(
    (question: SurveyQuestionDto) =>
      question.type === 'single_choice' || question.options !== undefined,
  )
  @IsArray()
  @ArrayMinSize(MIN_OPTIONS)
  @ArrayMaxSize(MAX_OPTIONS)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, OPTION_MAX_LENGTH, { each: true })
  options?: string[];

  /** free_text only: the longest answer accepted (default 2000, at most 2000). */
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FREE_TEXT_LENGTH })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FREE_TEXT_LENGTH)
  maxLength?: number;

  /** likert and scale only: present when the answer feeds the response's wellness score. */
  @ApiPropertyOptional({ type: WellnessWeightDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WellnessWeightDto)
  wellness?: WellnessWeightDto;
}
