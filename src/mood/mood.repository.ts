import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';
import { poolRows } from '../database/pool-statement.js';
import { type MoodEntryWrite, moodEntryInsert } from './mood-entry.sql.js';
import { MOOD_STATS, type MoodStatsRow } from './mood-stats.sql.js';

export interface StoredMoodEntry {
  id: string;
  userId: string;
  moodScore: number;
  notes: string | null;
  encryptionKeyId: string | null;
  createdAt: Date;
}

/** Every query of mood tracking. Statistics are SQL over idx_mood_entries_user_id_created_at. */
@Injectable()
export class MoodRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The entry and its `alongside` rows in one statement (moodEntryInsert), on the pool. */
  async createWith(data: MoodEntryWrite, alongside: Prisma.Sql): Promise<StoredMoodEntry> {
    const [entry] = await poolRows<StoredMoodEntry>(
      this.prisma.pool,
      moodEntryInsert(data, alongside),
    );
    return entry;
  }

  /** The entry if it is `userId`'s; null otherwise, so others' entries look absent. */
  findOwned(userId: string, id: string, db: Db = this.prisma): Promise<StoredMoodEntry | null> {
    return db.moodEntry.findFirst({ where: { id, userId } });
  }

  async updateOwned(
    userId: string,
    id: string,
    data: { moodScore?: number; notes?: string | null; encryptionKeyId?: string | null },
    db: Db = this.prisma,
  ): Promise<StoredMoodEntry | null> {
    const { count } = await db.moodEntry.updateMany({ where: { id, userId }, data });
    return count === 0 ? null : this.findOwned(userId, id, db);
  }

  async deleteOwned(userId: string, id: string, db: Db = this.prisma): Promise<boolean> {
    const { count } = await db.moodEntry.deleteMany({ where: { id, userId } });
    return count === 1;
  }

  /** Newest first, `limit + 1` rows so the caller knows whether another page follows. */
  page(
    userId: string,
    limit: number,
    cursor?: Cursor,
    from?: Date,
    to?: Date,
  ): Promise<StoredMoodEntry[]> {
    return this.prisma.moodEntry.findMany({
      where: {
        userId,
        createdAt: { gte: from, lt: to },
        ...olderThan(cursor),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
  }

  /** The person's statistics over the last `days` days (MOOD_STATS); none when the account is gone. */
  async stats(userId: string, days: number): Promise<MoodStatsRow | undefined> {
    const [row] = await MOOD_STATS.rows(this.prisma.pool, [userId, days]);
    return row;
  }
}
