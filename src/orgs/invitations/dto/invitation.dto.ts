import { ApiProperty } from '@nestjs/swagger';
import { ApiNextCursor, PAGE_MAX_LIMIT } from '../../../common/pagination/page.dto.js';
import { EMAIL_MAX_LENGTH } from '../../../common/validation/text-limits.js';
import { ORG_NAME_MAX_LENGTH, DEPARTMENT_MAX_LENGTH } from '../../dto/org.dto.js';
import {
  AddEmployeeDto,
  EXTERNAL_ID_MAX_LENGTH,
  JOB_TITLE_MAX_LENGTH,
  MEMBER_DISPLAY_NAME_MAX_LENGTH,
} from '../../employees/dto/employee.dto.js';

export const INVITATION_STATUSES = [
  'pending',
  'accepted',
  'declined',
  'withdrawn',
  'expired',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * Who is invited, and the membership they would have: the details of an added member. The email
 * is the account's that may accept (one made later is fine: sign up, then accept).
 */
export class InviteDto extends AddEmployeeDto {}

/** An invitation as the inviting organisation sees it. */
export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH })
  email!: string;
  @ApiProperty({ type: 'string', nullable: true, maxLength: JOB_TITLE_MAX_LENGTH })
  jobTitle!: string | null;
  @ApiProperty({ type: 'string', nullable: true, maxLength: DEPARTMENT_MAX_LENGTH })
  department!: string | null;
  @ApiProperty({ type: 'string', nullable: true, maxLength: EXTERNAL_ID_MAX_LENGTH })
  externalId!: string | null;
  @ApiProperty({ type: 'string', nullable: true, maxLength: MEMBER_DISPLAY_NAME_MAX_LENGTH })
  displayName!: string | null;

  @ApiProperty({ enum: INVITATION_STATUSES })
  status!: InvitationStatus;

  /** After this, it can no longer be accepted. */
  expiresAt!: Date;
  respondedAt!: Date | null;
  createdAt!: Date;
}

/** One page of an organisation's invitations, newest first. */
export class InvitationPageDto {
  @ApiProperty({ type: [InvitationDto], maxItems: PAGE_MAX_LIMIT })
  items!: InvitationDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}

/** An invitation as the invited person sees it, to decide. */
export class ReceivedInvitationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  orgId!: string;

  @ApiProperty({ maxLength: ORG_NAME_MAX_LENGTH })
  orgName!: string;
  @ApiProperty({ type: 'string', nullable: true, maxLength: JOB_TITLE_MAX_LENGTH })
  jobTitle!: string | null;
  @ApiProperty({ type: 'string', nullable: true, maxLength: DEPARTMENT_MAX_LENGTH })
  department!: string | null;
  expiresAt!: Date;
  createdAt!: Date;
}

/** One page of the invitations addressed to the signed-in person, newest first. */
export class ReceivedInvitationPageDto {
  @ApiProperty({ type: [ReceivedInvitationDto], maxItems: PAGE_MAX_LIMIT })
  items!: ReceivedInvitationDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}

/** What accepting made: the person's membership of the organisation. */
export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' })
  orgId!: string;

  @ApiProperty({ maxLength: ORG_NAME_MAX_LENGTH })
  orgName!: string;

  @ApiProperty({ format: 'uuid' })
  employeeId!: string;
}
