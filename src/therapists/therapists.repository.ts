import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Availability } from './availability.js';
import type { Slot } from './slots.js';

const THERAPIST_COLUMNS = {
  id: true,
  name: true,
  specialization: true,
  licenseNumber: true,
  profileUrl: true,
  rating: true,
  availability: true,
  languages: true,
  createdAt: true,
} as const;

export type StoredTherapist = Prisma.TherapistGetPayload<{ select: typeof THERAPIST_COLUMNS }>;

export interface TherapistWrite {
  name?: string;
  specialization?: string;
  licenseNumber?: string;
  profileUrl?: string | null;
  rating?: number | null;
  languages?: string[];
  availability?: Availability;
}

export interface TherapistFilter {
  specialization?: string;
  minRating?: number;
  language?: string;
}

/** Where a directory page stopped, in its order: rating (highest first, unrated last), name, id. */
export interface TherapistCursor {
  rating: number | null;
  name: string;
  id: string;
}

function afterCursor(cursor?: TherapistCursor): Prisma.TherapistWhereInput {
  if (!cursor) return {};
  const sameRatingAfter = [
    { rating: cursor.rating, name: { gt: cursor.name } },
    { rating: cursor.rating, name: cursor.name, id: { gt: cursor.id } },
  ];
  if (cursor.rating === null) return { OR: sameRatingAfter };
  return { OR: [{ rating: { lt: cursor.rating } }, { rating: null }, ...sameRatingAfter] };
}

const toJson = (data: TherapistWrite) => {
  const { availability, ...rest } = data;
  return availability === undefined
    ? rest
    : { ...rest, availability: availability as unknown as Prisma.InputJsonValue };
};

@Injectable()
export class TherapistsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(
    data: TherapistWrite &
      Required<Pick<TherapistWrite, 'name' | 'specialization' | 'licenseNumber'>>,
  ): Promise<StoredTherapist> {
    return this.prisma.therapist.create({
      data: toJson(data) as Prisma.TherapistCreateInput,
      select: THERAPIST_COLUMNS,
    });
  }

  async update(id: string, data: TherapistWrite): Promise<StoredTherapist | null> {
    const { count } = await this.prisma.therapist.updateMany({ where: { id }, data: toJson(data) });
    return count === 0 ? null : this.find(id);
  }

  find(id: string): Promise<StoredTherapist | null> {
    return this.prisma.therapist.findUnique({ where: { id }, select: THERAPIST_COLUMNS });
  }

  /** Up to `take` therapists after `cursor`, best rated first, then by name. */
  page(
    filter: TherapistFilter,
    take: number,
    cursor?: TherapistCursor,
  ): Promise<StoredTherapist[]> {
    return this.prisma.therapist.findMany({
      where: {
        AND: [
          {
            specialization: filter.specialization,
            rating: filter.minRating === undefined ? undefined : { gte: filter.minRating },
            languages: filter.language ? { has: filter.language } : undefined,
          },
          afterCursor(cursor),
        ],
      },
      orderBy: [{ rating: { sort: 'desc', nulls: 'last' } }, { name: 'asc' }, { id: 'asc' }],
      take,
      select: THERAPIST_COLUMNS,
    });
  }

  /** The not-cancelled appointments of these therapists that overlap [from, to). */
  async liveAppointments(
    therapistIds: string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, Slot[]>> {
    const rows = await this.prisma.appointment.findMany({
      where: {
        therapistId: { in: therapistIds },
        status: { not: 'cancelled' },
        startTime: { lt: to },
        endTime: { gt: from },
      },
      select: { therapistId: true, startTime: true, endTime: true },
    });
    const byTherapist = new Map<string, Slot[]>();
    for (const row of rows) {
      const booked = byTherapist.get(row.therapistId) ?? [];
      booked.push({ start: row.startTime, end: row.endTime });
      byTherapist.set(row.therapistId, booked);
    }
    return byTherapist;
  }

  /** Therapists whose specialization mentions the topic, best rated first. */
  specialisingIn(topic: string, limit: number) {
    return this.prisma.therapist.findMany({
      where: { specialization: { contains: topic, mode: 'insensitive' } },
      orderBy: { rating: { sort: 'desc', nulls: 'last' } },
      take: limit,
      select: { id: true, name: true },
    });
  }
}
