import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ApiNextCursor } from '../../common/pagination/page.dto.js';
import { TIME_ZONE_MAX_LENGTH } from '../../common/validation/text-limits.js';
import { DISPLAY_NAME_MAX_LENGTH } from '../../auth/dto/user.dto.js';
import { CANDIDATES_PER_PERSON } from '../candidate-pool.js';
import { IsIanaTimeZone } from './is-iana-time-zone.js';

export const BUDDY_GOALS = [
  'stress',
  'sleep',
  'exercise',
  'mindfulness',
  'work-life-balance',
  'social-connection',
  'motivation',
  'anxiety',
] as const;
export type BuddyGoal = (typeof BUDDY_GOALS)[number];

const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TAG_MAX_LENGTH = 40;
const MAX_INTERESTS = 20;
const MAX_GOALS = 10;
const HOURS_IN_A_DAY = 24;
/** An hour of the day on a person's own clock. */
const HOUR_SCHEMA = { type: 'integer', format: 'int32', minimum: 0, maximum: 23 } as const;

/** Repeats dropped before the size limits apply; anything that is not a list is left to fail. */
const distinct = (normalise: (item: unknown) => unknown = (item) => item) =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? [...new Set(value.map(normalise))] : value,
  );
const trimmedLowercase = (item: unknown) =>
  typeof item === 'string' ? item.trim().toLowerCase() : item;

export class SaveBuddyProfileDto {
  /**
   * What you would like to talk about: 1 to 20 tags of lowercase letters, digits and hyphens.
   * Tags are trimmed and lowercased, and repeats dropped.
   */
  @ApiProperty({
    example: ['running', 'board-games', 'cooking'],
    minItems: 1,
    maxItems: MAX_INTERESTS,
  })
  @distinct(trimmedLowercase)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INTERESTS)
  @MaxLength(TAG_MAX_LENGTH, { each: true })
  @Matches(TAG, {
    each: true,
    message: 'each tag in interests must be letters, digits and hyphens',
  })
  interests!: string[];

  /** What you want a buddy's support with (up to 10, from a fixed list); absent means none. */
  @ApiPropertyOptional({ enum: BUDDY_GOALS, isArray: true, maxItems: MAX_GOALS, default: [] })
  @IsOptional()
  @distinct()
  @IsArray()
  @ArrayMaxSize(MAX_GOALS)
  @IsIn(BUDDY_GOALS, { each: true })
  goals?: BuddyGoal[];

  /** Hours of the day (0-23, on your own clock) when you would like to talk; 1 to 24 of them. */
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    isArray: true,
    minimum: 0,
    maximum: 23,
    minItems: 1,
    maxItems: HOURS_IN_A_DAY,
    example: [8, 12, 18],
  })
  @distinct()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HOURS_IN_A_DAY)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(23, { each: true })
  preferredHours!: number[];

  /** IANA time zone of `preferredHours`; absent means the time zone of your account. */
  @ApiPropertyOptional({ example: 'Europe/Lisbon' })
  @IsOptional()
  @IsIanaTimeZone()
  @MaxLength(TIME_ZONE_MAX_LENGTH)
  timezone?: string;
}

export class BuddyProfileDto {
  @ApiProperty({
    type: 'array',
    maxItems: MAX_INTERESTS,
    items: { type: 'string', maxLength: TAG_MAX_LENGTH, pattern: TAG.source },
  })
  interests!: string[];
  @ApiProperty({ enum: BUDDY_GOALS, isArray: true, maxItems: MAX_GOALS })
  goals!: string[];
  /** On your own clock, in `timezone`. */
  @ApiProperty({ type: 'array', maxItems: HOURS_IN_A_DAY, items: HOUR_SCHEMA })
  preferredHours!: number[];
  @ApiProperty({ maxLength: TIME_ZONE_MAX_LENGTH })
  timezone!: string;
  updatedAt!: Date;
}

export class SuggestionQueryDto {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

/** Someone the matching found for you: only their display name and their buddy profile. */
export class BuddySuggestionDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;
  @ApiProperty({ type: 'string', nullable: true, maxLength: DISPLAY_NAME_MAX_LENGTH })
  displayName!: string | null;
  /** The interests you share with them. */
  @ApiProperty({
    type: 'array',
    maxItems: MAX_INTERESTS,
    items: { type: 'string', maxLength: TAG_MAX_LENGTH, pattern: TAG.source },
  })
  interests!: string[];
  /** Their goals. */
  @ApiProperty({ enum: BUDDY_GOALS, isArray: true, maxItems: MAX_GOALS })
  goals!: string[];
  /** 0..1: 0.5 × shared interests (Jaccard) + 0.3 × overlap of hours in UTC + 0.2 × shared goals. */
  compatibilityScore!: number;
}

/**
 * The best suggestions, up to the query's `limit`: the whole answer, never paged, so `nextCursor`
 * is always null. Bounded twice: the query's limit is at most 50 (the SQL takes no more), and no
 * one keeps more than CANDIDATES_PER_PERSON candidates.
 */
export class BuddySuggestionPageDto {
  @ApiProperty({
    type: [BuddySuggestionDto],
    maxItems: CANDIDATES_PER_PERSON,
    description: `Best first; at most \`limit\` (${CANDIDATES_PER_PERSON} at most).`,
  })
  items!: BuddySuggestionDto[];

  /** Always null here (the suggestions are one page); typed as on every list. */
  @ApiNextCursor()
  nextCursor!: string | null;
}
