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

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export const COURSE_TITLE_MAX_LENGTH = 200;
export const MODULE_KINDS = ['video', 'audio', 'article', 'exercise'] as const;

export class CourseModuleDto {
  /** Stable within the course; progress is recorded against it. */
  @Matches(/^[a-z0-9-]{1,40}$/)
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
  @MaxLength(2048)
  contentUrl!: string;
}

export class CreateCourseDto {
  @ApiProperty({ example: 'Sleep better in two weeks' })
  @IsString()
  @Length(1, COURSE_TITLE_MAX_LENGTH)
  title!: string;

  @IsString()
  @Length(1, 5000)
  description!: string;

  @ApiProperty({ enum: DIFFICULTIES })
  @IsIn(DIFFICULTIES)
  difficulty!: (typeof DIFFICULTIES)[number];

  /** What it helps with, e.g. sleep, stress, anxiety, depression, wellbeing. */
  @Matches(/^[a-z-]{2,40}$/)
  topic!: string;

  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2048)
  thumbnailUrl?: string;

  /** In the order they are taken; the course's duration is their sum. */
  @ValidateNested({ each: true })
  @Type(() => CourseModuleDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  modules!: CourseModuleDto[];
}

export class UpdateCourseDto {
  @IsOptional()
  @IsString()
  @Length(1, COURSE_TITLE_MAX_LENGTH)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, 5000)
  description?: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: (typeof DIFFICULTIES)[number];

  @IsOptional()
  @Matches(/^[a-z-]{2,40}$/)
  topic?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => CourseModuleDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
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

  @IsOptional()
  @Matches(/^[a-z-]{2,40}$/)
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
  title!: string;
  description!: string;
  difficulty!: string;
  topic!: string;
  durationMinutes!: number;
  thumbnailUrl!: string | null;
  @ApiProperty({ type: [CourseModuleDto] })
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
  title!: string;
  completedModules!: string[];
  totalModules!: number;
  /** 0..100. */
  percentComplete!: number;
  completedAt!: Date | null;
  enrolledAt!: Date;
}

/** One page of the caller's enrolments, latest first. */
export class EnrollmentPageDto {
  @ApiProperty({ type: [EnrollmentDto] })
  items!: EnrollmentDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
}
