import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { RANT_REPORT_REASONS, type RantReportReason } from '../report-reasons.js';
import { CrisisResourceDto } from '../../assessments/dto/assessment.dto.js';
import { type CrisisResource, MAX_CRISIS_LINES_SHOWN } from '../../assessments/crisis-resources.js';
import { base64UrlLength } from '../../common/validation/text-limits.js';

const RANT_MAX_LENGTH = 5000;
/** The delete token: 256 random bits, of which only a hash is kept. */
export const DELETE_TOKEN_BYTES = 32;

export class CreateRantDto {
  /** Said anonymously: nothing stored with it leads to you. */
  @ApiProperty({ example: 'Third reorg this year and nobody asked us anything.' })
  @IsString()
  @Length(1, RANT_MAX_LENGTH)
  content!: string;
}

export class CreatedRantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  /** Keep it to delete the post later: it is the only link to it, and it is shown once. */
  @ApiProperty({
    minLength: base64UrlLength(DELETE_TOKEN_BYTES),
    maxLength: base64UrlLength(DELETE_TOKEN_BYTES),
    pattern: '^[A-Za-z0-9_-]+$',
  })
  deleteToken!: string;

  /** Present when the words suggest you may be in crisis; shown to you only. */
  @ApiPropertyOptional({ type: [CrisisResourceDto], maxItems: MAX_CRISIS_LINES_SHOWN })
  crisisResources?: CrisisResource[];
}

export class RantFeedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['newest', 'supported'], default: 'newest' })
  @IsOptional()
  @IsIn(['newest', 'supported'])
  sort?: 'newest' | 'supported';
}

export class RantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ maxLength: RANT_MAX_LENGTH })
  content!: string;
  /** -1 (very negative) .. 1 (very positive). */
  sentimentScore!: number | null;
  supportCount!: number;
  /** To the minute. */
  createdAt!: Date;
}

export class RantPageDto {
  @ApiProperty({ type: [RantDto], maxItems: PAGE_MAX_LIMIT })
  items!: RantDto[];
  @ApiNextCursor()
  nextCursor!: string | null;
}

export class DeleteRantDto {
  @IsString()
  @Length(20, 200)
  deleteToken!: string;
}

export class SupportDto {
  supportCount!: number;
  /** false when this person had already supported the post (nothing changed). */
  added!: boolean;
}

export class ReportRantDto {
  /** Why the post should not be in the feed. */
  @ApiProperty({ enum: RANT_REPORT_REASONS, example: 'harassment' })
  @IsIn(RANT_REPORT_REASONS)
  reason!: RantReportReason;
}

export class ReportDto {
  /** false when this person had already reported the post (nothing changed). */
  added!: boolean;
}

export class ReportedRantsQueryDto extends PageQueryDto {
  /** `open`: reported posts still in the feed; `hidden`: posts already hidden. */
  @ApiPropertyOptional({ enum: ['open', 'hidden'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'hidden'])
  status?: 'open' | 'hidden';
}

export class ReportedRantDto extends RantDto {
  reportCount!: number;
  hiddenAt!: Date | null;
  /** Reports by reason. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647 },
    example: { harassment: 3, spam: 1 },
  })
  reasons!: Record<string, number>;
}

export class ReportedRantPageDto {
  @ApiProperty({ type: [ReportedRantDto], maxItems: PAGE_MAX_LIMIT })
  items!: ReportedRantDto[];
  @ApiNextCursor()
  nextCursor!: string | null;
}
