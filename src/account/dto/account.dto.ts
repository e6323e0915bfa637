import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsObject,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH } from '../../auth/dto/user.dto.js';
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../../common/pagination/page.dto.js';
import { TIME_ZONE_MAX_LENGTH, URL_MAX_LENGTH } from '../../common/validation/text-limits.js';

export class UpdateMeDto {
  /** null clears it. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, DISPLAY_NAME_MAX_LENGTH)
  displayName?: string | null;

  /** An https URL; null clears it. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(URL_MAX_LENGTH)
  avatarUrl?: string | null;

  /** IANA time zone name, e.g. America/Sao_Paulo. */
  @IsOptional()
  @IsTimeZone()
  @MaxLength(TIME_ZONE_MAX_LENGTH)
  timezone?: string;

  /** Replaces the stored preferences (at most 16 KB as JSON). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  preferences?: Record<string, unknown>;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  /** When the session was signed in. */
  startedAt!: Date;

  /** When it was last refreshed. */
  lastUsedAt!: Date;

  expiresAt!: Date;

  /** Whether the access token of this request belongs to it. */
  current!: boolean;
}

/** One page of the caller's live sessions, last used first. */
export class SessionPageDto {
  @ApiProperty({ type: [SessionDto], maxItems: PAGE_MAX_LIMIT })
  items!: SessionDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}
