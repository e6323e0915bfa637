import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { URL_MAX_LENGTH } from '../../common/validation/text-limits.js';

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export const MODULE_KINDS = ['video', 'audio', 'article', 'exercise'] as const;
export const COURSE_TITLE_MAX_LENGTH = 200;
const DESCRIPTION_MAX_LENGTH = 5000;
const MODULE_ID = /^[a-z0-9-]{1,40}$/;
const MODULE_ID_MAX_LENGTH = 40;
const TOPIC = /^[a-z-]{2,40}$/;
const TOPIC_MAX_LENGTH = 40;
export const MAX_MODULES = 50;
/** A module id as a path parameter. */
export const MODULE_ID_SCHEMA = {
  type: 'string',
  maxLength: MODULE_ID_MAX_LENGTH,
  pattern: MODULE_ID.source,
} as const;

export class CourseModuleDto {
  /** Stable within the course; progress is recorded against it. */
  @ApiProperty({ pattern: MODULE_ID.source })
  @Matches(MODULE_ID)
  @MaxLength(MODULE_ID_MAX_LENGTH)
  id!: string;

  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ enum: MODULE_KINDS })
  @IsIn(MODULE_KINDS)
  kind!: (typeof MODULE_KINDS)[number];

  @IsInt()
  @Min(1)
  @Max(240)
  durationMinutes!: number;

  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(URL_MAX_LENGTH)
  contentUrl!: string;
}

export class CreateCourseDto {
  @ApiProperty({ example: 'Sleep better in two weeks' })
  @IsString()
  @Length(1, COURSE_TITLE_MAX_LENGTH)
  title!: string;

  @IsString()
  @Length(1, DESCRIPTION_MAX_LENGTH)
  description!: string;

  @ApiProperty({ enum: DIFFICULTIES })
  @IsIn(DIFFICULTIES)
  difficulty!: (typeof DIFFICULTIES)[number];

  /** What it helps with, e.g. sleep, stress, anxiety, depression, wellbeing. */
  @ApiProperty({ pattern: TOPIC.source })
  @Matches(TOPIC)
  @MaxLength(TOPIC_MAX_LENGTH)
  topic!: string;

  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(URL_MAX_LENGTH)
  thumbnailUrl?: string;

  /** In the order they are taken; the course's duration is their sum. */
  @ApiProperty({ type: [CourseModuleDto], minItems: 1, maxItems: MAX_MODULES })
  @ValidateNested({ each: true })
  @Type(() => CourseModuleDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MODULES)
  modules!: CourseModuleDto[];
}

export class UpdateCourseDto {
  @IsOptional()
  @IsString()
  @Length(1, COURSE_TITLE_MAX_LENGTH)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: (typeof DIFFICULTIES)[number];

  @ApiPropertyOptional({ pattern: TOPIC.source })
  @IsOptional()
  @Matches(TOPIC)
  @MaxLength(TOPIC_MAX_LENGTH)
  topic?: string;

  @ApiPropertyOptional({ type: [CourseModuleDto], minItems: 1, maxItems: MAX_MODULES })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => CourseModuleDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MODULES)
  modules?: CourseModuleDto[];
}

export class CourseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: (typeof DIFFICULTIES)[number];

  /** Only courses at most this long, in minutes. */
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  maxDuration?: number;

  @ApiPropertyOptional({ pattern: TOPIC.source })
  @IsOptional()
  @Matches(TOPIC)
  @MaxLength(TOPIC_MAX_LENGTH)
  topic?: string;

  /** Words to find in the title or description. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class CourseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ maxLength: COURSE_TITLE_MAX_LENGTH })
  title!: string;
  @ApiProperty({ maxLength: DESCRIPTION_MAX_LENGTH })
  description!: string;
  @ApiProperty({ enum: DIFFICULTIES })
  difficulty!: string;
  @ApiProperty({ maxLength: TOPIC_MAX_LENGTH, pattern: TOPIC.source })
  topic!: string;
  durationMinutes!: number;
  @ApiProperty({ type: 'string', nullable: true, maxLength: URL_MAX_LENGTH })
  thumbnailUrl!: string | null;
  @ApiProperty({ type: [CourseModuleDto], maxItems: MAX_MODULES })
  modules!: CourseModuleDto[];
  retiredAt!: Date | null;
  createdAt!: Date;
}

export class CoursePageDto {
  @ApiProperty({ type: [CourseDto], maxItems: PAGE_MAX_LIMIT })
  items!: CourseDto[];
  @ApiNextCursor()
  nextCursor!: string | null;
}

export class EnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  courseId!: string;
  @ApiProperty({ maxLength: COURSE_TITLE_MAX_LENGTH })
  title!: string;
  /** The course's modules finished, in the order they were finished. */
  @ApiProperty({
    type: 'array',
    maxItems: MAX_MODULES,
    items: { type: 'string', maxLength: MODULE_ID_MAX_LENGTH, pattern: MODULE_ID.source },
  })
  completedModules!: string[];
  totalModules!: number;
  /** 0..100. */
  percentComplete!: number;
  completedAt!: Date | null;
  enrolledAt!: Date;
}

/** One page of the caller's enrolments, latest first. */
export class EnrollmentPageDto {
  @ApiProperty({ type: [EnrollmentDto], maxItems: PAGE_MAX_LIMIT })
  items!: EnrollmentDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}
