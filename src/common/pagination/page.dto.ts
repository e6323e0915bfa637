import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DATE_TIME_MAX_LENGTH } from '../validation/text-limits.js';

/** The largest page a newest-first list answers. */
export const PAGE_MAX_LIMIT = 100;

/**
 * The longest cursor a list reads back; the cursors lists give out are shorter (86 characters for
 * time and id, 124 for the rants feed's).
 */
export const CURSOR_MAX_LENGTH = 200;

/** A page's `nextCursor`: the `cursor` of the next page, null on the last. */
export const ApiNextCursor = (maxLength = CURSOR_MAX_LENGTH) =>
  ApiProperty({ type: 'string', nullable: true, maxLength });

/** Query of a newest-first list: page size, where the last page stopped, a time range. */
export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: PAGE_MAX_LIMIT,
    default: 20,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX_LIMIT)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;

  /** Only entries at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(DATE_TIME_MAX_LENGTH)
  from?: string;

  /** Only entries before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(DATE_TIME_MAX_LENGTH)
  to?: string;
}

/** Query of a list that pages and has no filters of its own: page size and where it stopped. */
export class CursorQueryDto extends PickType(PageQueryDto, ['limit', 'cursor'] as const) {}

/** The page size when a query names none. */
export const DEFAULT_PAGE_SIZE = 20;
