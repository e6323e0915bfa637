import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { normaliseEmail } from '../../../auth/tokens.js';
import { MaxLengthOnceNormalised } from '../../../common/validation/max-length-once-normalised.js';
import { EMAIL_MAX_LENGTH } from '../../../common/validation/text-limits.js';
import { DEPARTMENT_MAX_LENGTH } from '../../dto/org.dto.js';
import {
  EXTERNAL_ID_MAX_LENGTH,
  EXTERNAL_ID_PATTERN,
  JOB_TITLE_MAX_LENGTH,
} from './employee.dto.js';

/** At most this many rows per call; a larger roster is sent in several calls. */
export const BULK_MAX_ROWS = 10_000;

/**
 * How much of a refused row's key and reasons an answer gives back: its index names it exactly,
 * and the answer never echoes whatever a row held. The key of a row that is not refused is at
 * most an email (254; externalIds are at most 200).
 */
export const BULK_KEY_MAX_LENGTH = EMAIL_MAX_LENGTH;
export const BULK_ERROR_MAX_LENGTH = 1000;

export const BULK_STATUSES = ['created', 'updated', 'unchanged', 'deactivated', 'error'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

/**
 * One person in an HR system's roster. Checked row by row by the service (not by the request
 * pipe), so that every bad row is reported with its index instead of the first one failing
 * the request.
 */
export class BulkEmployeeRowDto {
  /** The HR system's id for the person: the row's key when given, else the email. */
  @ApiPropertyOptional({ example: 'WD-000123' })
  @IsOptional()
  @IsString()
  @Length(1, EXTERNAL_ID_MAX_LENGTH)
  @Matches(EXTERNAL_ID_PATTERN, { message: 'externalId must be printable, without outer spaces' })
  externalId?: string;

  /** Never changed by a sync: a person whose key matches with another email is an error row. */
  @ApiProperty({ example: 'ana@acme.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  @MaxLengthOnceNormalised(normaliseEmail, EMAIL_MAX_LENGTH)
  email!: string;

  /** Left out: unchanged; null: cleared. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, JOB_TITLE_MAX_LENGTH)
  jobTitle?: string | null;

  /** One of the organisation's departments when it keeps a list. Left out: unchanged; null: cleared. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, DEPARTMENT_MAX_LENGTH)
  department?: string | null;

  /**
   * false ends the membership (and the person's sessions), true starts an ended one again;
   * left out, the membership stays as it is (new people start active). An inactive person who
   * is not a member is not added.
   */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class BulkUpsertEmployeesDto {
  /** The roster, up to 10,000 rows; keys (externalId, else email) must not repeat. */
  @ApiProperty({ type: [BulkEmployeeRowDto], maxItems: BULK_MAX_ROWS })
  @IsArray()
  @IsObject({ each: true })
  @Type(() => BulkEmployeeRowDto)
  employees!: BulkEmployeeRowDto[];
}

export class BulkRowResultDto {
  /** Position of the row in the request, from 0. */
  index!: number;

  /** The row's key: its externalId, else its email normalised (cut short on a refused row). */
  @ApiProperty({ maxLength: BULK_KEY_MAX_LENGTH })
  key!: string;

  @ApiProperty({ enum: BULK_STATUSES })
  status!: BulkStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  employeeId?: string;

  /** Why the row was refused (status `error`). */
  @ApiPropertyOptional({ maxLength: BULK_ERROR_MAX_LENGTH })
  error?: string;
}

export class BulkSummaryDto {
  created!: number;
  updated!: number;
  unchanged!: number;
  deactivated!: number;
  errors!: number;
}

/** How many rows a refused roster has that cannot be applied. */
export class BulkRefusedSummaryDto {
  errors!: number;
}

export class BulkUpsertResultDto {
  @ApiProperty({ type: [BulkRowResultDto], maxItems: BULK_MAX_ROWS })
  results!: BulkRowResultDto[];

  summary!: BulkSummaryDto;
}
