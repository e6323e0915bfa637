import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { MaxLengthOnceNormalised } from '../../common/validation/max-length-once-normalised.js';
import { MAX_TAG_LENGTH, MAX_TAGS, normaliseTag } from '../journal-tags.js';

const CONTENT_MAX_LENGTH = 20000;

export class CreateJournalDto {
  /** The entry; stored encrypted. */
  @ApiProperty({
    maxLength: CONTENT_MAX_LENGTH,
    example: 'Presentation went better than I feared.',
  })
  @IsString()
  @Length(1, CONTENT_MAX_LENGTH)
  content!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  moodScore?: number;

  /** Up to 20; stored normalised (lower case, dashes for spaces). */
  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['work', 'sleep'] })
  @IsOptional()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, MAX_TAG_LENGTH, { each: true })
  @MaxLengthOnceNormalised(normaliseTag, MAX_TAG_LENGTH, { each: true })
  tags?: string[];

  /** Private unless set to false. */
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  isPrivate?: boolean;
}

export class UpdateJournalDto {
  @ApiPropertyOptional({ maxLength: CONTENT_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, CONTENT_MAX_LENGTH)
  content?: string;

  /** null clears it. */
  @ApiPropertyOptional({ minimum: 1, maximum: 10, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10)
  moodScore?: number | null;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS })
  @IsOptional()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, MAX_TAG_LENGTH, { each: true })
  @MaxLengthOnceNormalised(normaliseTag, MAX_TAG_LENGTH, { each: true })
  tags?: string[];

  @IsOptional()
  @IsBoolean()
  isPrivate?: boolean;
}

export class JournalQueryDto extends PageQueryDto {
  /** Only entries with this tag (normalised like stored tags). */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TAG_LENGTH)
  tag?: string;
}

export class JournalDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ maxLength: CONTENT_MAX_LENGTH })
  content!: string;
  moodScore!: number | null;
  /** Normalised: NFKC, lower case, dashes for spaces. */
  @ApiProperty({
    type: 'array',
    maxItems: MAX_TAGS,
    items: { type: 'string', minLength: 1, maxLength: MAX_TAG_LENGTH },
  })
  tags!: string[];
  isPrivate!: boolean;
  createdAt!: Date;
}

export class JournalPageDto {
  @ApiProperty({ type: [JournalDto], maxItems: PAGE_MAX_LIMIT })
  items!: JournalDto[];

  @ApiNextCursor()
  nextCursor!: string | null;
}
