import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TIME_ZONE_MAX_LENGTH } from '../../common/validation/text-limits.js';
import { SCORE_CADENCES, type ScoreCadence } from '../org-settings.js';

export const ORG_NAME_MAX_LENGTH = 200;
export const DEPARTMENT_MAX_LENGTH = 100;
const MAX_DEPARTMENTS = 200;

/** The field may be left out, but not sent as null: null would not say what to do. */
const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

export class CreateOrgDto {
  @ApiProperty({ example: 'Acme Ltd' })
  @IsString()
  @Length(1, ORG_NAME_MAX_LENGTH)
  name!: string;

  /** The user who administers the organisation; defaults to the caller. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  adminUserId?: string;

  /** Smallest group whose aggregates are shown (at least 3; default 5). */
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(1000)
  minGroupSize?: number;
}

export class UpdateOrgSettingsDto {
  /** Smallest group whose aggregates are shown: 3 to 1000. */
  @OptionalNotNull()
  @IsInt()
  @Min(3)
  @Max(1000)
  minGroupSize?: number;

  /**
   * Fewest answers to a free-text survey question before they are listed (default 10; never
   * below minGroupSize). A survey keeps the value in force when it opened.
   */
  @OptionalNotNull()
  @IsInt()
  @Min(3)
  @Max(1000)
  commentsMinGroupSize?: number;

  /**
   * How often its wellness score may be published: `daily` (once a day on the organisation's
   * clock, the default) or `hourly`, never more often. A new score is published only when at
   * least minGroupSize members' contributions moved since the last one.
   */
  @ApiPropertyOptional({ enum: SCORE_CADENCES })
  @OptionalNotNull()
  @IsIn(SCORE_CADENCES)
  scoreCadence?: ScoreCadence;

  /** The organisation's IANA time zone (default UTC): the day of the daily cadence. */
  @ApiPropertyOptional({ example: 'Europe/Berlin' })
  @OptionalNotNull()
  @IsTimeZone()
  @MaxLength(TIME_ZONE_MAX_LENGTH)
  timezone?: string;

  /**
   * Replaces the organisation's departments. While the list is non-empty, an employee's
   * department must be one of them; an empty list allows any.
   */
  @ApiPropertyOptional({
    type: [String],
    example: ['Engineering', 'Sales'],
    maxItems: MAX_DEPARTMENTS,
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_DEPARTMENTS)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, DEPARTMENT_MAX_LENGTH, { each: true })
  @Matches(/^\S(?:.*\S)?$/, {
    each: true,
    message: 'each department must not start or end with a space',
  })
  departments?: string[];
}

export class UpdateOrgDto {
  @OptionalNotNull()
  @IsString()
  @Length(1, ORG_NAME_MAX_LENGTH)
  name?: string;

  /** Hands the organisation to another user; platform admins only. */
  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsUUID()
  adminUserId?: string;

  /** Only the settings given change; the others keep their values. */
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => UpdateOrgSettingsDto)
  settings?: UpdateOrgSettingsDto;
}

export class OrgSettingsDto {
  /** Smallest group whose aggregates are shown (at least 3). */
  minGroupSize!: number;

  /** Fewest answers to a free-text question before they are listed. */
  commentsMinGroupSize!: number;

  @ApiProperty({ enum: SCORE_CADENCES })
  scoreCadence!: ScoreCadence;

  @ApiProperty({ maxLength: TIME_ZONE_MAX_LENGTH })
  timezone!: string;

  /** The organisation's departments; empty when it keeps no list. */
  @ApiProperty({
    type: 'array',
    maxItems: MAX_DEPARTMENTS,
    items: { type: 'string', minLength: 1, maxLength: DEPARTMENT_MAX_LENGTH },
  })
  departments!: string[];
}

export class OrgDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ maxLength: ORG_NAME_MAX_LENGTH })
  name!: string;

  @ApiProperty({ format: 'uuid', nullable: true })
  adminUserId!: string | null;

  /** The same as `settings.minGroupSize`, kept for clients written before settings. */
  @ApiProperty({ deprecated: true })
  minGroupSize!: number;

  settings!: OrgSettingsDto;

  /** 0..100, recomputed in the background; null until first computed. */
  wellnessScore!: number | null;

  createdAt!: Date;
}
