import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Db } from '../database/prisma.service.js';

export interface BuddyProfileWrite {
  interests: string[];
  goals: string[];
  preferredHours: number[];
  timezone: string;
  utcHours: number[];
  utcOffsetMinutes: number;
}

/** A profile whose UTC hours were converted at an offset its zone no longer has. */
export interface StaleUtcHours {
  userId: string;
  preferredHours: number[];
  timezone: string;
}

export interface StoredSuggestion {
  userId: string;
  displayName: string | null;
  interests: string[];
  goals: string[];
  compatibilityScore: number;
}

const PROFILE_COLUMNS = {
  interests: true,
  goals: true,
  preferredHours: true,
  timezone: true,
  utcHours: true,
  updatedAt: true,
} as const;

@Injectable()
export class BuddyProfilesRepository {
  constructor(private readonly prisma: PrismaService) {}

  save(userId: string, data: BuddyProfileWrite, db: Db = this.prisma) {
    return db.buddyProfile.upsert({
      where: { userId },
      create: { userId, ...data },
      update: data,
      select: PROFILE_COLUMNS,
    });
  }

  find(userId: string, db: Db = this.prisma) {
    return db.buddyProfile.findUnique({ where: { userId }, select: PROFILE_COLUMNS });
  }

  async delete(tx: Db, userId: string): Promise<boolean> {
    const { count } = await tx.buddyProfile.deleteMany({ where: { userId } });
    return count === 1;
  }

  /**
   * The stored list of `userId`, best first, without anyone blocked either way or already in a
   * pending or active match with them, nor anyone who has opted out since the list was written.
   * A candidate is shown by display name and buddy profile only.
   */
  suggestionsFor(userId: string, limit: number): Promise<StoredSuggestion[]> {
    return this.prisma.$queryRaw<StoredSuggestion[]>`
      SELECT b.candidate_id AS "userId",
             u.display_name AS "displayName",
             ARRAY(SELECT unnest(c.interests) INTERSECT SELECT unnest(me.interests) ORDER BY 1)
               AS interests,
             c.goals,
             b.compatibility_score AS "compatibilityScore"
        FROM buddy_candidates b
        JOIN buddy_profiles me ON me.user_id = b.user_id
        JOIN buddy_profiles c ON c.user_id = b.candidate_id
        JOIN users u ON u.id = b.candidate_id
       WHERE b.user_id = ${userId}::uuid
         AND NOT EXISTS (
               SELECT 1 FROM buddy_matches m
                WHERE m.status IN ('pending', 'active', 'blocked')
                  AND ((m.user_a_id = b.user_id AND m.user_b_id = b.candidate_id)
                    OR (m.user_a_id = b.candidate_id AND m.user_b_id = b.user_id)))
       ORDER BY b.compatibility_score DESC, b.candidate_id
       LIMIT ${limit}`;
  }

  /** The distinct time zones of opted-in people. */
  async timezonesInUse(): Promise<string[]> {
    const rows = await this.prisma.buddyProfile.findMany({
      distinct: ['timezone'],
      select: { timezone: true },
    });
    return rows.map((row) => row.timezone);
  }

  /** Profiles in `offsets`' zones whose stored offset differs from the zone's current one. */
  staleUtcHours(
    offsets: Array<{ timezone: string; utcOffsetMinutes: number }>,
    afterUserId: string | null,
    batchSize: number,
  ): Promise<StaleUtcHours[]> {
    return this.prisma.$queryRaw<StaleUtcHours[]>`
      SELECT p.user_id AS "userId", p.preferred_hours::int[] AS "preferredHours", p.timezone
        FROM buddy_profiles p
        JOIN unnest(${offsets.map((zone) => zone.timezone)}::text[],
                    ${offsets.map((zone) => zone.utcOffsetMinutes)}::int[]) AS z(timezone, utc_offset_minutes)
          ON z.timezone = p.timezone
       WHERE p.utc_offset_minutes <> z.utc_offset_minutes
         AND p.user_id > ${afterUserId ?? '00000000-0000-0000-0000-000000000000'}::uuid
       ORDER BY p.user_id
       LIMIT ${batchSize}`;
  }

  /**
   * Writes converted hours in one statement, only where the hours and zone are still those the
   * conversion started from: a save in between has converted them itself.
   */
  async updateUtcHours(
    rows: Array<StaleUtcHours & { utcHours: number[]; utcOffsetMinutes: number }>,
  ): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE buddy_profiles p
         SET utc_hours = x."utcHours", utc_offset_minutes = x."utcOffsetMinutes"
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
             AS x("userId" uuid, "preferredHours" smallint[], timezone text,
                  "utcHours" smallint[], "utcOffsetMinutes" int)
       WHERE p.user_id = x."userId"
         AND p.preferred_hours = x."preferredHours"
         AND p.timezone = x.timezone`;
  }
}
