import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../../common/pagination/page.dto.js';
import { DISPLAY_NAME_MAX_LENGTH } from '../../auth/dto/user.dto.js';

export const MATCH_STATUSES = ['pending', 'active', 'declined', 'ended'] as const;
export type VisibleMatchStatus = (typeof MATCH_STATUSES)[number];

export class OtherPersonDto {
  /** The other person's user id (a suggestion's `userId`). */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;
}

export class BuddyMatchDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  /** The other person. */
  @ApiProperty({ format: 'uuid' })
  userId!: string;
  @ApiProperty({ type: 'string', nullable: true, maxLength: DISPLAY_NAME_MAX_LENGTH })
  displayName!: string | null;
  @ApiProperty({ enum: MATCH_STATUSES })
  status!: VisibleMatchStatus;
  /** outgoing: you asked them; incoming: they asked you. */
  @ApiProperty({ enum: ['incoming', 'outgoing'] })
  direction!: 'incoming' | 'outgoing';
  compatibilityScore!: number | null;
  createdAt!: Date;
}

/** One page of the caller's pending and active matches, newest first. */
export class BuddyMatchPageDto {
  @ApiProperty({ type: [BuddyMatchDto], maxItems: PAGE_MAX_LIMIT })
  items!: BuddyMatchDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}
