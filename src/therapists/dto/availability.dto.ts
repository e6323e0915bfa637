import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DATE_LENGTH, TIME_ZONE_MAX_LENGTH } from '../../common/validation/text-limits.js';
import {
  DEFAULT_SLOT_MINUTES,
  MAX_SLOT_MINUTES,
  MIN_SLOT_MINUTES,
  WEEKDAYS,
  type Weekday,
} from '../availability.js';
import { IsIanaTimeZone } from './validators.js';

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME_LENGTH = 'HH:mm'.length;
const LOCAL_TIME_MESSAGE = '$property must be a local time HH:mm, 00:00 to 23:59';

export const MAX_WEEKLY_WINDOWS = 70;
export const MAX_EXCEPTIONS = 366;
export const MAX_WINDOWS_PER_EXCEPTION = 12;

export class TimeWindowDto {
  /** Local time the window opens, HH:mm. */
  @ApiProperty({ example: '09:00', pattern: LOCAL_TIME.source, maxLength: LOCAL_TIME_LENGTH })
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  start!: string;

  /** Local time the window closes, HH:mm, after `start` on the same day. */
  @ApiProperty({ example: '17:00', pattern: LOCAL_TIME.source, maxLength: LOCAL_TIME_LENGTH })
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  end!: string;
}

export class WeeklyWindowDto extends TimeWindowDto {
  @ApiProperty({ enum: WEEKDAYS, example: 'mon' })
  @IsIn(WEEKDAYS)
  day!: Weekday;
}

export class AvailabilityExceptionDto {
  /** A local date in the therapist's time zone, YYYY-MM-DD. */
  @ApiProperty({ example: '2027-12-24', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: DATE_LENGTH })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  date!: string;

  /** The windows of that date instead of its weekday's; none makes it a day off. */
  @ApiProperty({ type: [TimeWindowDto], maxItems: MAX_WINDOWS_PER_EXCEPTION })
  @IsArray()
  @ArrayMaxSize(MAX_WINDOWS_PER_EXCEPTION)
  @ValidateNested({ each: true })
  @Type(() => TimeWindowDto)
  windows!: TimeWindowDto[];
}

/**
 * When the therapist takes sessions, in their own time zone: weekly windows, and exceptions that
 * replace the windows of a date. Windows of one day must not overlap.
 */
export class AvailabilityDto {
  @ApiProperty({ example: 'Europe/Berlin' })
  @IsIanaTimeZone()
  @MaxLength(TIME_ZONE_MAX_LENGTH)
  timezone!: string;

  /** Length of one session; windows are cut into slots of this length from their start. */
  @ApiPropertyOptional({
    minimum: MIN_SLOT_MINUTES,
    maximum: MAX_SLOT_MINUTES,
    default: DEFAULT_SLOT_MINUTES,
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_SLOT_MINUTES)
  @Max(MAX_SLOT_MINUTES)
  slotMinutes?: number;

  @ApiProperty({ type: [WeeklyWindowDto], maxItems: MAX_WEEKLY_WINDOWS })
  @IsArray()
  @ArrayMaxSize(MAX_WEEKLY_WINDOWS)
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowDto)
  weekly!: WeeklyWindowDto[];

  @ApiPropertyOptional({ type: [AvailabilityExceptionDto], maxItems: MAX_EXCEPTIONS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EXCEPTIONS)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityExceptionDto)
  exceptions?: AvailabilityExceptionDto[];
}

/** The availability as stored and shown, defaults filled in. */
export class AvailabilityViewDto {
  @ApiProperty({ example: 'Europe/Berlin', maxLength: TIME_ZONE_MAX_LENGTH })
  timezone!: string;
  slotMinutes!: number;
  @ApiProperty({ type: [WeeklyWindowDto], maxItems: MAX_WEEKLY_WINDOWS })
  weekly!: WeeklyWindowDto[];
  @ApiProperty({ type: [AvailabilityExceptionDto], maxItems: MAX_EXCEPTIONS })
  exceptions!: AvailabilityExceptionDto[];
}
