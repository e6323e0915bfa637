import { Injectable } from '@nestjs/common';
import { type Db, PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import { type Cursor, olderThan } from '../common/pagination/cursor.js';

export interface StoredMoodEntry {
  id: string;
  userId: string;
  moodScore: number;
  notes: string | null;
  encryptionKeyId: string | null;
  createdAt: Date;
}

export interface DailyMoodRow {
  day: string;
  average: number | null;
  entries: number;
  movingAverage7: number | null;
  movingAverage30: number | null;
}

export interface MoodSummaryRow {
  trendPerWeek: number | null;
  bestWeekday: number | null;
  bestAverage: number | null;
  worstWeekday: number | null;
  worstAverage: number | null;
}

/** Every query of mood tracking. Statistics are SQL over idx_mood_entries_user_id_created_at. */
@Injectable()
export class MoodRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts the entry and runs `alongside` (an INSERT of rows that must exist exactly when the
   * entry does: the outbox) in one statement, so they commit together without an interactive
   * transaction. The benchmark measured one statement at 2.5 times the requests per second of
   * BEGIN, two inserts and COMMIT through Prisma's transaction API.
   */
  async createWith(
    data: {
      userId: string;
      moodScore: number;
      notes: string | null;
      encryptionKeyId: string | null;
    },
    alongside: Prisma.Sql,
  ): Promise<StoredMoodEntry> {
    const [entry] = await this.prisma.$queryRaw<StoredMoodEntry[]>`
      WITH entry AS (
        INSERT INTO mood_entries (user_id, mood_score, notes, encryption_key_id)
        VALUES (${data.userId}::uuid, ${data.moodScore}::int, ${data.notes}, ${data.encryptionKeyId})
        RETURNING id, user_id AS "userId", mood_score AS "moodScore", notes,
                  encryption_key_id AS "encryptionKeyId", created_at AS "createdAt"
      ), alongside AS (${alongside})
      SELECT * FROM entry`;
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

  /** Rows whose note is under another key than `activeKeyId`, a batch at a time. */
  staleKeyBatch(activeKeyId: string, size: number): Promise<StoredMoodEntry[]> {
    return this.prisma.moodEntry.findMany({
      where: { notes: { not: null }, encryptionKeyId: { not: activeKeyId } },
      orderBy: { id: 'asc' },
      take: size,
    });
  }

  async replaceCiphertext(id: string, previousKeyId: string | null, notes: string, keyId: string) {
    // Only if nobody rewrote the note meanwhile: a concurrent edit wins and is not overwritten.
    await this.prisma.moodEntry.updateMany({
      where: { id, encryptionKeyId: previousKeyId },
      data: { notes, encryptionKeyId: keyId },
    });
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

  /**
   * One row per calendar day of the last `days` days in `timezone`, today included, with the
   * day's mean and the 7- and 30-day moving means of the daily means.
   */
  daily(userId: string, timezone: string, days: number): Promise<DailyMoodRow[]> {
    return this.prisma.$queryRaw<DailyMoodRow[]>`
      WITH bounds AS (
        SELECT (now() AT TIME ZONE ${timezone})::date AS today
      ), calendar AS (
        SELECT generate_series(today - (${days}::int - 1), today, interval '1 day')::date AS day
          FROM bounds
      ), per_day AS (
        SELECT (m.created_at AT TIME ZONE ${timezone})::date AS day,
               avg(m.mood_score)::float8 AS average, count(*)::int AS entries
          FROM mood_entries m, bounds b
         WHERE m.user_id = ${userId}::uuid
           AND m.created_at >= ((b.today - (${days}::int - 1 + 29))::timestamp AT TIME ZONE ${timezone})
         GROUP BY 1
      ), series AS (
        SELECT c.day, p.average, coalesce(p.entries, 0) AS entries,
               avg(p.average) OVER (ORDER BY c.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS ma7,
               avg(p.average) OVER (ORDER BY c.day ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS ma30
          FROM (SELECT generate_series(b.today - (${days}::int - 1 + 29), b.today, interval '1 day')::date AS day
                  FROM bounds b) c
          LEFT JOIN per_day p USING (day)
      )
      SELECT to_char(s.day, 'YYYY-MM-DD') AS "day", s.average AS "average", s.entries AS "entries",
             s.ma7::float8 AS "movingAverage7", s.ma30::float8 AS "movingAverage30"
        FROM series s JOIN calendar USING (day)
       ORDER BY s.day`;
  }

  /** Trend (least squares, per week) and the best and worst ISO weekday over the window. */
  async summary(userId: string, timezone: string, days: number): Promise<MoodSummaryRow> {
    const [row] = await this.prisma.$queryRaw<MoodSummaryRow[]>`
      WITH bounds AS (
        SELECT (now() AT TIME ZONE ${timezone})::date AS today
      ), per_day AS (
        SELECT (m.created_at AT TIME ZONE ${timezone})::date AS day, avg(m.mood_score)::float8 AS average
          FROM mood_entries m, bounds b
         WHERE m.user_id = ${userId}::uuid
           AND m.created_at >= ((b.today - (${days}::int - 1))::timestamp AT TIME ZONE ${timezone})
         GROUP BY 1
      ), weekdays AS (
        SELECT extract(isodow FROM day)::int AS weekday, avg(average)::float8 AS average
          FROM per_day GROUP BY 1
      )
      SELECT (SELECT regr_slope(average, (day - DATE '2000-01-03')::float8 / 7) FROM per_day) AS "trendPerWeek",
             best.weekday AS "bestWeekday", best.average AS "bestAverage",
             worst.weekday AS "worstWeekday", worst.average AS "worstAverage"
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (SELECT * FROM weekdays ORDER BY average DESC, weekday LIMIT 1) best ON true
        LEFT JOIN LATERAL (SELECT * FROM weekdays ORDER BY average ASC, weekday LIMIT 1) worst ON true`;
    return row;
  }

  /** The current and the longest run of consecutive calendar days with an entry. */
  async streaks(userId: string, timezone: string): Promise<{ current: number; longest: number }> {
    const [row] = await this.prisma.$queryRaw<Array<{ current: number; longest: number }>>`
      WITH days AS (
        SELECT DISTINCT (created_at AT TIME ZONE ${timezone})::date AS day
          FROM mood_entries WHERE user_id = ${userId}::uuid
      ), runs AS (
        SELECT max(day) AS last_day, count(*)::int AS length
          FROM (SELECT day, day - (row_number() OVER (ORDER BY day))::int AS island FROM days) islands
         GROUP BY island
      )
      SELECT coalesce(max(length) FILTER (
               WHERE last_day >= (now() AT TIME ZONE ${timezone})::date - 1), 0)::int AS "current",
             coalesce(max(length), 0)::int AS "longest"
        FROM runs`;
    return row;
  }
}
