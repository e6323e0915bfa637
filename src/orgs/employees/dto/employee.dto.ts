import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { normaliseEmail } from '../../../auth/tokens.js';
import { ApiNextCursor, CURSOR_MAX_LENGTH } from '../../../common/pagination/page.dto.js';
import { MaxLengthOnceNormalised } from '../../../common/validation/max-length-once-normalised.js';
import { EMAIL_MAX_LENGTH } from '../../../common/validation/text-limits.js';
import { ANONYMIZED_ID_LENGTH } from '../../anonymized-id.js';
import { DEPARTMENT_MAX_LENGTH } from '../../dto/org.dto.js';
import { ORG_ROLES, type OrgRole } from '../employee-change.js';

export const JOB_TITLE_MAX_LENGTH = 200;
export const EXTERNAL_ID_MAX_LENGTH = 200;
/** The name the organisation knows a person by: as long as the person's own (80). */
export const MEMBER_DISPLAY_NAME_MAX_LENGTH = 80;

/** Printable, no leading or trailing space: ids that HR systems compare byte for byte. */
export const EXTERNAL_ID_PATTERN = /^[^\s\p{C}](?:[^\p{C}]*[^\s\p{C}])?$/u;

/** The largest page of members: a roster is read in few calls. */
export const EMPLOYEE_PAGE_MAX_LIMIT = 500;

export class EmployeeQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: EMPLOYEE_PAGE_MAX_LIMIT,
    default: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(EMPLOYEE_PAGE_MAX_LIMIT)
  limit?: number;

  /** From the `Link: <...>; rel="next"` header of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;

  /** Only members of this department. */
  @IsOptional()
  @IsString()
  @Length(1, DEPARTMENT_MAX_LENGTH)
  department?: string;

  /** true: current members only; false: ended memberships only; left out: both. */
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class AddEmployeeDto {
  /**
   * The person's email, in a domain the organisation has verified. An account with it joins the
   * organisation; otherwise an account is made that has no usable password: the person signs in
   * through the organisation's SSO. Anyone else is invited (`/invitations`) and joins by
   * accepting.
   */
  @ApiProperty({ example: 'ana@acme.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  @MaxLengthOnceNormalised(normaliseEmail, EMAIL_MAX_LENGTH)
  email!: string;

  @IsOptional()
  @IsString()
  @Length(1, JOB_TITLE_MAX_LENGTH)
  jobTitle?: string;

  /** One of the organisation's departments when it keeps a list. */
  @IsOptional()
  @IsString()
  @Length(1, DEPARTMENT_MAX_LENGTH)
  department?: string;

  /** The HR system's id for the person, unique within the organisation. */
  @ApiPropertyOptional({ example: 'WD-000123' })
  @IsOptional()
  @IsString()
  @Length(1, EXTERNAL_ID_MAX_LENGTH)
  @Matches(EXTERNAL_ID_PATTERN, { message: 'externalId must be printable, without outer spaces' })
  externalId?: string;

  /** The name the organisation knows the person by; kept on the membership only. */
  @ApiPropertyOptional({ example: 'Ana Lima' })
  @IsOptional()
  @IsString()
  @Length(1, MEMBER_DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;
}

export class UpdateEmployeeDto {
  /** null clears it. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, JOB_TITLE_MAX_LENGTH)
  jobTitle?: string | null;

  /** One of the organisation's departments when it keeps a list; null clears it. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, DEPARTMENT_MAX_LENGTH)
  department?: string | null;

  /** null clears it. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, EXTERNAL_ID_MAX_LENGTH)
  @Matches(EXTERNAL_ID_PATTERN, { message: 'externalId must be printable, without outer spaces' })
  externalId?: string | null;

  /** The name the organisation knows the person by; null clears it. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, MEMBER_DISPLAY_NAME_MAX_LENGTH)
  displayName?: string | null;

  /**
   * manager: sees this organisation's aggregates and runs its surveys. Set by the organisation's
   * admin or a platform admin, never by an API client.
   */
  @ApiPropertyOptional({ enum: ORG_ROLES })
  @IsOptional()
  @IsIn(ORG_ROLES)
  orgRole?: OrgRole;
}

/** A member as the organisation's admin and HR systems see them: who, not how they are. */
export class EmployeeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  /** Random, never derived from the user id. */
  @ApiProperty({ maxLength: ANONYMIZED_ID_LENGTH })
  anonymizedId!: string;

  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH })
  email!: string;
  /** The name the organisation knows the person by (not the person's own profile name). */
  @ApiProperty({ type: 'string', nullable: true, maxLength: MEMBER_DISPLAY_NAME_MAX_LENGTH })
  displayName!: string | null;
  /** What the person may do in this organisation. */
  @ApiProperty({ enum: ORG_ROLES })
  orgRole!: OrgRole;
  @ApiProperty({ type: 'string', nullable: true, maxLength: JOB_TITLE_MAX_LENGTH })
  jobTitle!: string | null;
  @ApiProperty({ type: 'string', nullable: true, maxLength: DEPARTMENT_MAX_LENGTH })
  department!: string | null;
  @ApiProperty({ type: 'string', nullable: true, maxLength: EXTERNAL_ID_MAX_LENGTH })
  externalId!: string | null;

  /** false once the membership ended; the person's account and own data stay. */
  active!: boolean;

  endedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

/** One page of members, newest first. */
export class EmployeePageDto {
  @ApiProperty({ type: [EmployeeDto], maxItems: EMPLOYEE_PAGE_MAX_LIMIT })
  items!: EmployeeDto[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiNextCursor()
  nextCursor!: string | null;
}
