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
  Min,
  ValidateNested,
} from 'class-validator';
import { DEFAULT_SLOT_MINUTES, WEEKDAYS, type Weekday } from '../availability.js';
import { IsIanaTimeZone } from './validators.js';

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME_MESSAGE = '$property must be a local time HH:mm, 00:00 to 23:59';

export class TimeWindowDto {
  /** Local time the window opens, HH:mm. */
  @ApiProperty({ example: '09:00', pattern: LOCAL_TIME.source })
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  start!: string;

  /** Local time the window closes, HH:mm, after `start` on the same day. */
  @ApiProperty({ example: '17:00', pattern: LOCAL_TIME.source })
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
  @ApiProperty({ example: '2027-12-24', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  date!: string;

  /** The windows of that date instead of its weekday's; none makes it a day off. */
  @ApiProperty({ type: [TimeWindowDto] })
  @IsArray()
  @ArrayMaxSize(12)
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
  timezone!: string;

  /** Length of one session; windows are cut into slots of this length from their start. */
  @ApiPropertyOptional({ minimum: 15, maximum: 240, default: DEFAULT_SLOT_MINUTES })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(240)
  slotMinutes?: number;

  @ApiProperty({ type: [WeeklyWindowDto] })
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowDto)
  weekly!: WeeklyWindowDto[];

  @ApiPropertyOptional({ type: [AvailabilityExceptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityExceptionDto)
  exceptions?: AvailabilityExceptionDto[];
}

/** The availability as stored and shown, defaults filled in. */
export class AvailabilityViewDto {
  @ApiProperty({ example: 'Europe/Berlin' })
  timezone!: string;
  slotMinutes!: number;
  @ApiProperty({ type: [WeeklyWindowDto] })
  weekly!: WeeklyWindowDto[];
  @ApiProperty({ type: [AvailabilityExceptionDto] })
  exceptions!: AvailabilityExceptionDto[];
}
