import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import type { OptionalCiphertext } from '../common/crypto/sealed-columns.js';
import type { Prisma } from '../generated/prisma/client.js';
import { type AppointmentStatus, OPEN_STATUSES } from './appointment-status.js';
import type { Slot } from './slots.js';

const APPOINTMENT_COLUMNS = {
  id: true,
  therapistId: true,
  userId: true,
  startTime: true,
  endTime: true,
  status: true,
  notes: true,
  encryptionKeyId: true,
  createdAt: true,
  therapist: { select: { name: true } },
} as const;

/** Room for a booking to wait its turn behind a burst of others for the same therapist. */
const BOOKING_TIMEOUT_MS = 15_000;

export type StoredAppointment = Prisma.AppointmentGetPayload<{
  select: typeof APPOINTMENT_COLUMNS;
}>;

/** Where a list page stopped: the last appointment's start and id. */
export interface AppointmentCursor {
  startTime: Date;
  id: string;
}

/**
 * Every query of booking. Overlaps are never checked here: the exclusion constraint
 * `appointments_therapist_no_overlap` refuses them (SQLSTATE 23P01), under any concurrency.
 */
@Injectable()
export class AppointmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Takes `slot` in one transaction, after any booking of the same therapist already under way. */
  create(
    userId: string,
    therapistId: string,
    slot: Slot,
    notes: OptionalCiphertext,
  ): Promise<StoredAppointment> {
    return this.prisma.$transaction(
      async (tx) => {
        await queueBehindBookingsOf(tx, therapistId);
        return tx.appointment.create({
          data: {
            userId,
            therapistId,
            startTime: slot.start,
            endTime: slot.end,
            status: 'pending',
            notes: notes.ciphertext,
            encryptionKeyId: notes.keyId,
          },
          select: APPOINTMENT_COLUMNS,
        });
      },
      { timeout: BOOKING_TIMEOUT_MS },
    );
  }

  find(id: string): Promise<StoredAppointment | null> {
    return this.prisma.appointment.findUnique({ where: { id }, select: APPOINTMENT_COLUMNS });
  }

  /** The appointment if it is `userId`'s; null otherwise, so others' look absent. */
  findOwned(userId: string, id: string): Promise<StoredAppointment | null> {
    return this.prisma.appointment.findFirst({
      where: { id, userId },
      select: APPOINTMENT_COLUMNS,
    });
  }

  /** Every appointment of the person, latest first, for their data export. */
  allOf(userId: string): Promise<StoredAppointment[]> {
    return this.prisma.appointment.findMany({
      where: { userId },
      orderBy: [{ startTime: 'desc' }, { id: 'desc' }],
      select: APPOINTMENT_COLUMNS,
    });
  }

  /**
   * `upcoming`: not yet ended, soonest first; `past`: ended, latest first. `take` rows after
   * `cursor` in that order.
   */
  page(
    userId: string,
    when: 'upcoming' | 'past',
    now: Date,
    take: number,
    cursor?: AppointmentCursor,
  ): Promise<StoredAppointment[]> {
    const upcoming = when === 'upcoming';
    const beyond = upcoming ? 'gt' : 'lt';
    return this.prisma.appointment.findMany({
      where: {
        userId,
        endTime: upcoming ? { gt: now } : { lte: now },
        ...(cursor
          ? {
              OR: [
                { startTime: { [beyond]: cursor.startTime } },
                { startTime: cursor.startTime, id: { [beyond]: cursor.id } },
              ],
            }
          : {}),
      },
      orderBy: upcoming
        ? [{ startTime: 'asc' }, { id: 'asc' }]
        : [{ startTime: 'desc' }, { id: 'desc' }],
      take,
      select: APPOINTMENT_COLUMNS,
    });
  }

  /**
   * Moves the status only if it is still `from`: of two concurrent changes one wins, and the
   * other sees false instead of overwriting it.
   */
  async changeStatus(id: string, from: AppointmentStatus, to: AppointmentStatus): Promise<boolean> {
    const { count } = await this.prisma.appointment.updateMany({
      where: { id, status: from },
      data: { status: to },
    });
    return count === 1;
  }

  /**
   * Moves the owner's open appointment to `slot` and back to pending in one UPDATE: the new range
   * is claimed and the old one released in the same commit, so a clash (23P01) leaves the
   * appointment where it was. False when it is not the owner's or no longer open.
   */
  reschedule(id: string, userId: string, therapistId: string, slot: Slot): Promise<boolean> {
    return this.prisma.$transaction(
      async (tx) => {
        await queueBehindBookingsOf(tx, therapistId);
        const { count } = await tx.appointment.updateMany({
          where: { id, userId, therapistId, status: { in: [...OPEN_STATUSES] } },
          data: { startTime: slot.start, endTime: slot.end, status: 'pending' },
        });
        return count === 1;
      },
      { timeout: BOOKING_TIMEOUT_MS },
    );
  }
}

/**
 * Makes bookings of one therapist take turns, holding the therapist's row until commit.
 * The exclusion constraint alone keeps slots single, but inserts that reach it before any of
 * them commits wait on one another, and PostgreSQL then aborts some as deadlocked (40P01)
 * instead of refusing them as overlapping (23P01): people racing for a slot would get 500s.
 * Queued, each insert meets the committed winner and is refused with a clean 409. `NO KEY`
 * leaves the row free for the key-share locks of foreign-key checks elsewhere.
 */
async function queueBehindBookingsOf(tx: Db, therapistId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM therapists WHERE id = ${therapistId}::uuid FOR NO KEY UPDATE`;
}
