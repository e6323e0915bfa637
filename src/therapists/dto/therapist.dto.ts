import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { TIME_ZONE_MAX_LENGTH, URL_MAX_LENGTH } from '../../common/validation/text-limits.js';
import { MAX_SLOTS_IN_RANGE } from '../slots.js';
import { therapistCursorMaxLength } from '../therapist-cursor.js';
import { AvailabilityDto, AvailabilityViewDto } from './availability.dto.js';
import { IsInstant } from './validators.js';

export const THERAPIST_NAME_MAX_LENGTH = 200;
const SPECIALIZATION_MAX_LENGTH = 60;
const LICENSE_NUMBER_MAX_LENGTH = 50;
const MAX_LANGUAGES = 20;
/** The cursor carries the name of the page's last therapist: it can be this long. */
const THERAPIST_CURSOR_MAX_LENGTH = therapistCursorMaxLength(THERAPIST_NAME_MAX_LENGTH);

/** Lowercase BCP 47 tags: a language and optional subtags, e.g. en, pt-br, zh-hant-tw. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/;
/** The longest LANGUAGE_TAG: three letters and three subtags of eight. */
const LANGUAGE_TAG_MAX_LENGTH = 3 + 3 * 9;
const LANGUAGE_MESSAGE =
  'each value in $property must be a lowercase BCP 47 tag such as en or pt-br';
/** What a therapist works on, as a tag: lowercase words joined by hyphens, e.g. anxiety, couples. */
const SPECIALIZATION = /^[a-z]+(-[a-z]+)*$/;
const SPECIALIZATION_MESSAGE =
  '$property must be a lowercase tag such as anxiety or grief-and-loss';

/** Absent leaves the field alone; null is refused, the column cannot be emptied. */
const Present = () => ValidateIf((_object, value) => value !== undefined);

export class CreateTherapistDto {
  @ApiProperty({ example: 'Dr. Lena Hoffmann' })
  @IsString()
  @Length(1, THERAPIST_NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ example: 'anxiety', pattern: SPECIALIZATION.source })
  @Length(2, SPECIALIZATION_MAX_LENGTH)
  @Matches(SPECIALIZATION, { message: SPECIALIZATION_MESSAGE })
  specialization!: string;

  /** Unique among therapists. */
  @ApiProperty({ example: 'PP-BE-104233' })
  @IsString()
  @Length(3, LICENSE_NUMBER_MAX_LENGTH)
  licenseNumber!: string;

  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(URL_MAX_LENGTH)
  profileUrl?: string | null;

  /** 0 to 5; absent while unrated. */
  @ApiPropertyOptional({ minimum: 0, maximum: 5, example: 4.6 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(5)
  rating?: number | null;

  /** Languages sessions are held in, lowercase BCP 47 tags. */
  @ApiPropertyOptional({
    example: ['de', 'en'],
    pattern: LANGUAGE_TAG.source,
    maxItems: MAX_LANGUAGES,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LANGUAGES)
  @ArrayUnique()
  @MaxLength(LANGUAGE_TAG_MAX_LENGTH, { each: true })
  @Matches(LANGUAGE_TAG, { each: true, message: LANGUAGE_MESSAGE })
  languages?: string[];

  @IsObject()
  @ValidateNested()
  @Type(() => AvailabilityDto)
  availability!: AvailabilityDto;
}

/** Fields to change; `availability` is replaced as a whole. */
export class UpdateTherapistDto {
  @ApiPropertyOptional({ example: 'Dr. Lena Hoffmann' })
  @Present()
  @IsString()
  @Length(1, THERAPIST_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ example: 'anxiety', pattern: SPECIALIZATION.source })
  @Present()
  @Length(2, SPECIALIZATION_MAX_LENGTH)
  @Matches(SPECIALIZATION, { message: SPECIALIZATION_MESSAGE })
  specialization?: string;

  @ApiPropertyOptional({ example: 'PP-BE-104233' })
  @Present()
  @IsString()
  @Length(3, LICENSE_NUMBER_MAX_LENGTH)
  licenseNumber?: string;

  /** null removes it. */
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(URL_MAX_LENGTH)
  profileUrl?: string | null;

  /** 0 to 5; null makes the therapist unrated. */
  @ApiPropertyOptional({ minimum: 0, maximum: 5, nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(5)
  rating?: number | null;

  @ApiPropertyOptional({
    example: ['de', 'en'],
    pattern: LANGUAGE_TAG.source,
    maxItems: MAX_LANGUAGES,
  })
  @Present()
  @IsArray()
  @ArrayMaxSize(MAX_LANGUAGES)
  @ArrayUnique()
  @MaxLength(LANGUAGE_TAG_MAX_LENGTH, { each: true })
  @Matches(LANGUAGE_TAG, { each: true, message: LANGUAGE_MESSAGE })
  languages?: string[];

  @ApiPropertyOptional({ type: AvailabilityDto })
  @Present()
  @IsObject()
  @ValidateNested()
  @Type(() => AvailabilityDto)
  availability?: AvailabilityDto;
}

export class TherapistQueryDto extends PickType(PageQueryDto, ['limit'] as const) {
  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(THERAPIST_CURSOR_MAX_LENGTH)
  cursor?: string;

  @ApiPropertyOptional({ example: 'anxiety', pattern: SPECIALIZATION.source })
  @IsOptional()
  @Matches(SPECIALIZATION, { message: SPECIALIZATION_MESSAGE })
  @MaxLength(SPECIALIZATION_MAX_LENGTH)
  specialization?: string;

  /** Only therapists rated at least this (unrated ones are left out). */
  @ApiPropertyOptional({ minimum: 0, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(5)
  minRating?: number;

  /** Only therapists holding sessions in this language (a lowercase BCP 47 tag, exact match). */
  @ApiPropertyOptional({ example: 'en', pattern: LANGUAGE_TAG.source })
  @IsOptional()
  @MaxLength(LANGUAGE_TAG_MAX_LENGTH)
  @Matches(LANGUAGE_TAG, {
    message: '$property must be a lowercase BCP 47 tag such as en or pt-br',
  })
  language?: string;

  /**
   * With `freeTo`: only therapists with at least one free slot wholly inside [freeFrom, freeTo],
   * at most 31 days long.
   */
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  freeFrom?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  freeTo?: string;
}

export class SlotQueryDto {
  @ApiProperty({ format: 'date-time', example: '2027-03-22T00:00:00Z' })
  @IsInstant()
  from!: string;

  /** After `from`, at most 31 days later. */
  @ApiProperty({ format: 'date-time', example: '2027-03-29T00:00:00Z' })
  @IsInstant()
  to!: string;
}

export class TherapistDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ maxLength: THERAPIST_NAME_MAX_LENGTH })
  name!: string;
  @ApiProperty({ maxLength: SPECIALIZATION_MAX_LENGTH, pattern: SPECIALIZATION.source })
  specialization!: string;
  @ApiProperty({ maxLength: LICENSE_NUMBER_MAX_LENGTH })
  licenseNumber!: string;
  @ApiProperty({ type: 'string', nullable: true, maxLength: URL_MAX_LENGTH })
  profileUrl!: string | null;
  /** 0 to 5, null while unrated. */
  rating!: number | null;
  /** Lowercase BCP 47 tags. */
  @ApiProperty({
    type: 'array',
    maxItems: MAX_LANGUAGES,
    items: { type: 'string', maxLength: LANGUAGE_TAG_MAX_LENGTH, pattern: LANGUAGE_TAG.source },
  })
  languages!: string[];
  /** null when no hours have been set: nothing can be booked. */
  @ApiProperty({ type: AvailabilityViewDto, nullable: true })
  availability!: AvailabilityViewDto | null;
  createdAt!: Date;
}

export class TherapistPageDto {
  @ApiProperty({ type: [TherapistDto], maxItems: PAGE_MAX_LIMIT })
  items!: TherapistDto[];
  @ApiNextCursor(THERAPIST_CURSOR_MAX_LENGTH)
  nextCursor!: string | null;
}

export class SlotDto {
  startTime!: Date;
  endTime!: Date;
  /** The start on the therapist's clock, with its offset, e.g. 2027-03-26T09:00:00.000+01:00. */
  @ApiProperty({ format: 'date-time' })
  localStartTime!: string;
}

export class SlotListDto {
  @ApiProperty({ format: 'uuid' })
  therapistId!: string;
  /** The therapist's time zone, in which the availability is laid out. */
  @ApiProperty({ type: 'string', nullable: true, maxLength: TIME_ZONE_MAX_LENGTH })
  timezone!: string | null;
  slotMinutes!: number | null;
  /** Free slots wholly inside [from, to], starting in the future, in time order. */
  @ApiProperty({ type: [SlotDto], maxItems: MAX_SLOTS_IN_RANGE })
  slots!: SlotDto[];
}
