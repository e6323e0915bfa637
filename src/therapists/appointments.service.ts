import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/roles.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { APPOINTMENT_NOTES } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import { postgresCodeOf } from '../common/problem/to-problem.js';
import { type AppointmentStatus, OPEN_STATUSES, transitionRefusal } from './appointment-status.js';
import { AppointmentsRepository, type StoredAppointment } from './appointments.repository.js';
import type {
  AppointmentDto,
  AppointmentPageDto,
  AppointmentQueryDto,
  CreateAppointmentDto,
  RescheduleAppointmentDto,
} from './dto/appointment.dto.js';
import { TherapistsService } from './therapists.service.js';

const DEFAULT_PAGE = 20;
const NOT_FOUND = 'No such appointment.';
const PG_EXCLUSION_VIOLATION = '23P01';

/**
 * Booking. No code here checks a slot is free before taking it: the exclusion constraint on
 * appointments is the guard, so two people racing for one slot get one booking and one 409.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly therapists: TherapistsService,
    private readonly encrypted: SealedColumns,
  ) {}

  async book(userId: string, input: CreateAppointmentDto): Promise<AppointmentDto> {
    const slot = await this.therapists.bookableSlot(
      input.therapistId,
      new Date(input.startTime),
      input.endTime ? new Date(input.endTime) : undefined,
      new Date(),
    );
    try {
      const created = await this.appointments.create(
        userId,
        input.therapistId,
        slot,
        // Bound to the person who booked: it cannot be moved onto another person's appointment.
        this.encrypted.sealOptional(APPOINTMENT_NOTES, { user_id: userId }, input.notes),
      );
      return this.forOwner(created);
    } catch (error) {
      throw slotTaken(error);
    }
  }

  async list(userId: string, query: AppointmentQueryDto): Promise<AppointmentPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.appointments.page(
      userId,
      query.when ?? 'upcoming',
      new Date(),
      limit + 1,
      cursor ? { startTime: cursor.createdAt, id: cursor.id } : undefined,
    );
    const kept = rows.slice(0, limit);
    const last = kept.at(-1);
    return {
      items: kept.map((row) => this.forOwner(row)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ createdAt: last.startTime, id: last.id })
          : null,
    };
  }

  async get(userId: string, id: string): Promise<AppointmentDto> {
    const row = await this.appointments.findOwned(userId, id);
    if (!row) throw new NotFoundException(NOT_FOUND);
    return this.forOwner(row);
  }

  /** Every appointment of the person, notes decrypted, for their data export. */
  async exportAll(userId: string): Promise<AppointmentDto[]> {
    return (await this.appointments.allOf(userId)).map((row) => this.forOwner(row));
  }

  /** The person who booked it, or an admin for the practice, calls it off. */
  cancel(actor: AuthenticatedUser, id: string): Promise<AppointmentDto> {
    return this.transition(id, 'cancelled', actor.role === 'admin' ? undefined : actor.userId);
  }

  /** For admins, acting for the practice. */
  setStatus(id: string, to: Exclude<AppointmentStatus, 'pending'>): Promise<AppointmentDto> {
    return this.transition(id, to);
  }

  /**
   * Moves the appointment to another free slot of the same therapist in one UPDATE: if the new
   * time is taken, nothing changes. It goes back to pending, since the practice confirmed the
   * old time, not the new one.
   */
  async reschedule(
    userId: string,
    id: string,
    input: RescheduleAppointmentDto,
  ): Promise<AppointmentDto> {
    const row = await this.appointments.findOwned(userId, id);
    if (!row) throw new NotFoundException(NOT_FOUND);
    if (!OPEN_STATUSES.includes(row.status as AppointmentStatus)) {
      throw new ConflictException(
        `A ${row.status} appointment cannot be rescheduled; only pending or confirmed ones can.`,
      );
    }
    const slot = await this.therapists.bookableSlot(
      row.therapistId,
      new Date(input.startTime),
      input.endTime ? new Date(input.endTime) : undefined,
      new Date(),
    );
    let moved: boolean;
    try {
      moved = await this.appointments.reschedule(id, userId, row.therapistId, slot);
    } catch (error) {
      throw slotTaken(error);
    }
    const current = await this.appointments.find(id);
    if (!current) throw new NotFoundException(NOT_FOUND);
    if (!moved) {
      throw new ConflictException(
        `The appointment became ${current.status} meanwhile and can no longer be rescheduled.`,
      );
    }
    return this.forOwner(current);
  }

  /**
   * Checks the move against the status machine, then makes it only if the status is still the
   * one checked, so concurrent changes cannot both pass. `ownerId` limits it to that person's
   * appointment (others' answer 404).
   */
  private async transition(
    id: string,
    to: AppointmentStatus,
    ownerId?: string,
  ): Promise<AppointmentDto> {
    const row = ownerId
      ? await this.appointments.findOwned(ownerId, id)
      : await this.appointments.find(id);
    if (!row) throw new NotFoundException(NOT_FOUND);
    const from = row.status as AppointmentStatus;
    const refusal = transitionRefusal(from, to, { startTime: row.startTime, now: new Date() });
    if (refusal) throw new ConflictException(refusal);
    if (!(await this.appointments.changeStatus(id, from, to))) {
      const current = await this.appointments.find(id);
      throw new ConflictException(
        `The appointment went from ${from} to ${current?.status ?? 'deleted'} meanwhile; ` +
          `${to} was not applied.`,
      );
    }
    const moved = { ...row, status: to };
    return ownerId ? this.forOwner(moved) : toDto(moved);
  }

  /** The answer for the person who booked: with their note, decrypted. */
  private forOwner(row: StoredAppointment): AppointmentDto {
    const notes = this.encrypted.openOptional(
      APPOINTMENT_NOTES,
      { user_id: row.userId },
      { keyId: row.encryptionKeyId, ciphertext: row.notes },
    );
    return { ...toDto(row), notes };
  }
}

/** A 409 in words for the exclusion constraint's refusal; anything else as it came. */
function slotTaken(error: unknown): unknown {
  if (postgresCodeOf(error) === PG_EXCLUSION_VIOLATION) {
    return new ConflictException(
      'That time is already booked with this therapist; choose another free slot.',
    );
  }
  return error;
}

/** Without the note: what anyone but the person who booked (an admin) is answered. */
function toDto(row: StoredAppointment): AppointmentDto {
  return {
    id: row.id,
    therapistId: row.therapistId,
    therapistName: row.therapist.name,
    startTime: row.startTime,
    endTime: row.endTime,
    status: row.status as AppointmentStatus,
    createdAt: row.createdAt,
  };
}
