import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../appointment-status.js';
import { THERAPIST_NAME_MAX_LENGTH } from './therapist.dto.js';
import { IsInstant } from './validators.js';

const APPOINTMENT_NOTES_MAX_LENGTH = 2000;

export class RescheduleAppointmentDto {
  /** The start of one of the therapist's free slots (GET /v1/therapists/{id}/slots). */
  @ApiProperty({ format: 'date-time', example: '2027-03-26T08:00:00Z' })
  @IsInstant()
  startTime!: string;

  /** Optional; when given it must be the end of that slot. */
  @ApiPropertyOptional({ format: 'date-time', example: '2027-03-26T08:50:00Z' })
  @IsOptional()
  @IsInstant()
  endTime?: string;
}

export class CreateAppointmentDto extends RescheduleAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  therapistId!: string;

  /** A note for yourself (what you want to talk about). Encrypted; only you ever see it. */
  @IsOptional()
  @IsString()
  @MaxLength(APPOINTMENT_NOTES_MAX_LENGTH)
  notes?: string;
}

export class AppointmentQueryDto extends PickType(PageQueryDto, ['limit', 'cursor'] as const) {
  /** `upcoming`: not yet ended, soonest first; `past`: ended, latest first. */
  @ApiPropertyOptional({ enum: ['upcoming', 'past'], default: 'upcoming' })
  @IsOptional()
  @IsIn(['upcoming', 'past'])
  when?: 'upcoming' | 'past';
}

export class AppointmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  therapistId!: string;
  @ApiProperty({ maxLength: THERAPIST_NAME_MAX_LENGTH })
  therapistName!: string;
  startTime!: Date;
  endTime!: Date;
  /**
   * pending (booked, awaiting the practice) -> confirmed | cancelled; confirmed -> completed |
   * cancelled | no_show. A rescheduled appointment is pending again.
   */
  @ApiProperty({ enum: APPOINTMENT_STATUSES })
  status!: AppointmentStatus;
  /** Your own note; present only in answers to the person who booked. */
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: APPOINTMENT_NOTES_MAX_LENGTH })
  notes?: string | null;
  createdAt!: Date;
}

export class AppointmentPageDto {
  @ApiProperty({ type: [AppointmentDto], maxItems: PAGE_MAX_LIMIT })
  items!: AppointmentDto[];
  @ApiNextCursor()
  nextCursor!: string | null;
}
