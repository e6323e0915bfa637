import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { RequestValidationException } from '../common/problem/validation.js';
import { Prisma } from '../generated/prisma/client.js';
import {
  type Availability,
  availabilityErrors,
  DEFAULT_SLOT_MINUTES,
  readAvailability,
} from './availability.js';
import type { AvailabilityDto } from './dto/availability.dto.js';
import type {
  CreateTherapistDto,
  SlotListDto,
  SlotQueryDto,
  TherapistDto,
  TherapistPageDto,
  TherapistQueryDto,
  UpdateTherapistDto,
} from './dto/therapist.dto.js';
import {
  expandSlots,
  freeSlots,
  localStart,
  type Slot,
  slotRangeErrors,
  slotStartingAt,
} from './slots.js';
import { cursorOf, decodeTherapistCursor, encodeTherapistCursor } from './therapist-cursor.js';
import { type StoredTherapist, TherapistsRepository } from './therapists.repository.js';

const DEFAULT_PAGE = 20;
/** Therapists read per round while looking for ones with free time. */
const FREE_TIME_SCAN_BATCH = 100;
const NOT_FOUND = 'No such therapist.';

interface TimeRange {
  from: Date;
  to: Date;
}

/** The therapist directory, and the free slots that booking draws from. */
@Injectable()
export class TherapistsService {
  constructor(private readonly therapists: TherapistsRepository) {}

  async list(query: TherapistQueryDto): Promise<TherapistPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const filter = {
      specialization: query.specialization,
      minRating: query.minRating,
      language: query.language,
    };
    const cursor = query.cursor ? decodeTherapistCursor(query.cursor) : undefined;
    const range = freeTimeRange(query);
    if (!range) return toPage(await this.therapists.page(filter, limit + 1, cursor), limit);

    // Free time comes from expanding each therapist's hours, which SQL cannot do: read the
    // directory in its order, a batch at a time, until a page and one more are found.
    const kept: StoredTherapist[] = [];
    const now = new Date();
    for (let after = cursor; kept.length <= limit;) {
      const batch = await this.therapists.page(filter, FREE_TIME_SCAN_BATCH, after);
      if (batch.length === 0) break;
      const booked = await this.therapists.liveAppointments(
        batch.map((row) => row.id),
        range.from,
        range.to,
      );
      for (const row of batch) {
        if (kept.length > limit) break;
        if (freeSlotsOf(row, range, booked.get(row.id) ?? [], now).length > 0) kept.push(row);
      }
      if (batch.length < FREE_TIME_SCAN_BATCH) break;
      after = cursorOf(batch[batch.length - 1]);
    }
    return toPage(kept, limit);
  }

  async get(id: string): Promise<TherapistDto> {
    return toDto(await this.existing(id));
  }

  async create(input: CreateTherapistDto): Promise<TherapistDto> {
    const availability = checkedAvailability(input.availability);
    try {
      return toDto(
        await this.therapists.create({
          name: input.name,
          specialization: input.specialization,
          licenseNumber: input.licenseNumber,
          profileUrl: input.profileUrl ?? null,
          rating: input.rating ?? null,
          languages: input.languages ?? [],
          availability,
        }),
      );
    } catch (error) {
      throw licenseConflict(error, input.licenseNumber);
    }
  }

  async update(id: string, input: UpdateTherapistDto): Promise<TherapistDto> {
    const availability = input.availability ? checkedAvailability(input.availability) : undefined;
    let updated: StoredTherapist | null;
    try {
      updated = await this.therapists.update(id, {
        name: input.name,
        specialization: input.specialization,
        licenseNumber: input.licenseNumber,
        profileUrl: input.profileUrl,
        rating: input.rating,
        languages: input.languages,
        availability,
      });
    } catch (error) {
      throw licenseConflict(error, input.licenseNumber);
    }
    if (!updated) throw new NotFoundException(NOT_FOUND);
    return toDto(updated);
  }

  /** Free slots wholly inside [from, to] that start in the future. */
  async slots(id: string, query: SlotQueryDto): Promise<SlotListDto> {
    const range = checkedRange(query.from, query.to, { from: 'from', to: 'to' });
    const therapist = await this.existing(id);
    const availability = readAvailability(therapist.availability);
    if (!availability) return { therapistId: id, timezone: null, slotMinutes: null, slots: [] };
    const booked = await this.therapists.liveAppointments([id], range.from, range.to);
    const slots = freeSlotsOf(therapist, range, booked.get(id) ?? [], new Date());
    return {
      therapistId: id,
      timezone: availability.timezone,
      slotMinutes: availability.slotMinutes,
      slots: slots.map((slot) => ({
        startTime: slot.start,
        endTime: slot.end,
        localStartTime: localStart(slot, availability.timezone),
      })),
    };
  }

  /**
   * The therapist's slot that begins at `start` (ending at `end` when one is given) and has not
   * begun yet; 404 without such a therapist, 422 saying why when the time is not bookable.
   * Whether it is free is left to the database, which refuses overlaps atomically.
   */
  async bookableSlot(
    therapistId: string,
    start: Date,
    end: Date | undefined,
    now: Date,
  ): Promise<Slot> {
    const availability = readAvailability((await this.existing(therapistId)).availability);
    if (!availability) {
      throw new UnprocessableEntityException(
        'This therapist has no hours set yet, so nothing can be booked.',
      );
    }
    const slot = slotStartingAt(availability, start);
    if (!slot) {
      throw new UnprocessableEntityException(
        `startTime ${start.toISOString()} is not the start of one of this therapist's slots; ` +
          `GET /v1/therapists/${therapistId}/slots lists them.`,
      );
    }
    if (end && end.getTime() !== slot.end.getTime()) {
      throw new UnprocessableEntityException(
        `endTime must be ${slot.end.toISOString()}: slots last ${availability.slotMinutes} minutes.`,
      );
    }
    if (slot.start <= now) {
      throw new UnprocessableEntityException(
        'That slot has already begun; choose one in the future.',
      );
    }
    return slot;
  }

  private async existing(id: string): Promise<StoredTherapist> {
    const therapist = await this.therapists.find(id);
    if (!therapist) throw new NotFoundException(NOT_FOUND);
    return therapist;
  }

  /** Up to `limit` therapists specialising in a topic, best rated first (recommendations). */
  specialisingIn(topic: string, limit: number): Promise<{ id: string; name: string }[]> {
    return this.therapists.specialisingIn(topic, limit);
  }
}

/** The availability with its defaults, or a 400 naming each field that breaks a rule. */
function checkedAvailability(input: AvailabilityDto): Availability {
  const availability: Availability = {
    timezone: input.timezone,
    slotMinutes: input.slotMinutes ?? DEFAULT_SLOT_MINUTES,
    weekly: input.weekly.map(({ day, start, end }) => ({ day, start, end })),
    exceptions: (input.exceptions ?? []).map(({ date, windows }) => ({
      date,
      windows: windows.map(({ start, end }) => ({ start, end })),
    })),
  };
  const errors = availabilityErrors(availability);
  if (errors.length > 0) throw new RequestValidationException(errors);
  return availability;
}

function checkedRange(from: string, to: string, fields: { from: string; to: string }): TimeRange {
  const range = { from: new Date(from), to: new Date(to) };
  const errors = slotRangeErrors(range.from, range.to, fields);
  if (errors.length > 0) throw new RequestValidationException(errors);
  return range;
}

function freeTimeRange(query: TherapistQueryDto): TimeRange | undefined {
  if (query.freeFrom === undefined && query.freeTo === undefined) return undefined;
  if (query.freeFrom === undefined || query.freeTo === undefined) {
    const missing = query.freeFrom === undefined ? 'freeFrom' : 'freeTo';
    throw new RequestValidationException([
      { field: missing, reason: 'freeFrom and freeTo must be given together' },
    ]);
  }
  return checkedRange(query.freeFrom, query.freeTo, { from: 'freeFrom', to: 'freeTo' });
}

function freeSlotsOf(
  therapist: StoredTherapist,
  range: TimeRange,
  booked: Slot[],
  now: Date,
): Slot[] {
  const availability = readAvailability(therapist.availability);
  if (!availability) return [];
  return freeSlots(expandSlots(availability, range.from, range.to), booked, now);
}

function licenseConflict(error: unknown, licenseNumber: string | undefined): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    return new ConflictException(`Another therapist already has license number ${licenseNumber}.`);
  }
  return error;
}

function toPage(rows: StoredTherapist[], limit: number): TherapistPageDto {
  const kept = rows.slice(0, limit);
  return {
    items: kept.map(toDto),
    nextCursor:
      rows.length > limit && kept.length > 0
        ? encodeTherapistCursor(cursorOf(kept[kept.length - 1]))
        : null,
  };
}

function toDto(row: StoredTherapist): TherapistDto {
  return {
    id: row.id,
    name: row.name,
    specialization: row.specialization,
    licenseNumber: row.licenseNumber,
    profileUrl: row.profileUrl,
    rating: row.rating,
    languages: row.languages,
    availability: readAvailability(row.availability),
    createdAt: row.createdAt,
  };
}
