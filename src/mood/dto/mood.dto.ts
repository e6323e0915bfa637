import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../../common/pagination/page.dto.js';
import { TIME_ZONE_MAX_LENGTH } from '../../common/validation/text-limits.js';

const NOTES_MAX_LENGTH = 2000;
/** The longest span of the statistics, in days. */
const MAX_STATS_DAYS = 365;

export class CreateMoodDto {
  @ApiProperty({ minimum: 1, maximum: 10, example: 7 })
  @IsInt()
  @Min(1)
  @Max(10)
  moodScore!: number;

  /** Private; stored encrypted. */
  @ApiPropertyOptional({ maxLength: NOTES_MAX_LENGTH, example: 'Slept well, long walk at lunch.' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX_LENGTH)
  notes?: string;
}

export class UpdateMoodDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  moodScore?: number;

  /** null removes the note. */
  @ApiPropertyOptional({ maxLength: NOTES_MAX_LENGTH, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(NOTES_MAX_LENGTH)
  notes?: string | null;
}

export class MoodEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  moodScore!: number;
  @ApiProperty({ type: 'string', nullable: true, maxLength: NOTES_MAX_LENGTH })
  notes!: string | null;
  createdAt!: Date;
}

export class MoodPageDto {
  @ApiProperty({ type: [MoodEntryDto], maxItems: PAGE_MAX_LIMIT })
  items!: MoodEntryDto[];

  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiNextCursor()
  nextCursor!: string | null;
}

export class MoodStatsQueryDto {
  /** How many calendar days, ending today in the user's time zone. */
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: MAX_STATS_DAYS,
    default: 30,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_STATS_DAYS)
  days?: number;
}

export class MoodDayDto {
  /** Calendar day in the user's time zone (YYYY-MM-DD). */
  @ApiProperty({ format: 'date' })
  day!: string;
  /** Mean score of the day's entries; null on a day without one. */
  average!: number | null;
  entries!: number;
  /** Mean of the daily averages over the 7 days ending here (days without entries skipped). */
  movingAverage7!: number | null;
  movingAverage30!: number | null;
}

export class WeekdayDto {
  /** ISO weekday: 1 Monday ... 7 Sunday. */
  isoWeekday!: number;
  average!: number;
}

export class MoodStatsDto {
  @ApiProperty({ maxLength: TIME_ZONE_MAX_LENGTH })
  timezone!: string;
  days!: number;
  /** One per day of the span, today included. */
  @ApiProperty({ type: [MoodDayDto], maxItems: MAX_STATS_DAYS })
  daily!: MoodDayDto[];
  /** Least-squares slope of the daily averages, in score points per week; null below 2 days. */
  trendPerWeek!: number | null;
  /** The weekday with the highest mean; null until there are entries. */
  @ApiProperty({ type: () => WeekdayDto, nullable: true })
  bestWeekday!: WeekdayDto | null;
  /** The weekday with the lowest mean; null until there are entries. */
  @ApiProperty({ type: () => WeekdayDto, nullable: true })
  worstWeekday!: WeekdayDto | null;
  /** Consecutive days with an entry ending today (or yesterday, while today has none yet). */
  currentStreak!: number;
  longestStreak!: number;
}
