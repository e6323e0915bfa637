import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { MOOD_NOTES } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import type { PageQueryDto } from '../common/pagination/page.dto.js';
import { PrismaService } from '../database/prisma.service.js';
import { OrgWellnessTriggers } from '../org-wellness/org-wellness-triggers.service.js';
import type {
  CreateMoodDto,
  MoodEntryDto,
  MoodPageDto,
  MoodStatsDto,
  UpdateMoodDto,
} from './dto/mood.dto.js';
import { MoodRepository, type StoredMoodEntry } from './mood.repository.js';

const DEFAULT_PAGE = 20;
const DEFAULT_STATS_DAYS = 30;
const NOT_FOUND = 'No such mood entry.';

@Injectable()
export class MoodService {
  constructor(
    private readonly mood: MoodRepository,
    private readonly encrypted: SealedColumns,
    private readonly prisma: PrismaService,
    private readonly orgScores: OrgWellnessTriggers,
  ) {}

  /**
   * Every change of an entry also queues the recompute of the person's organisations' scores,
   * in the same transaction (the outbox), so no change is left out of the score.
   */
  async create(userId: string, input: CreateMoodDto): Promise<MoodEntryDto> {
    const stored = await this.mood.createWith(
      { userId, moodScore: input.moodScore, ...this.sealNotes(userId, input.notes) },
      this.orgScores.moodEntryRecomputes(userId),
    );
    return this.toDto(stored);
  }

  async list(userId: string, query: PageQueryDto): Promise<MoodPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.mood.page(
      userId,
      limit,
      query.cursor ? decodeCursor(query.cursor) : undefined,
      query.from ? new Date(query.from) : undefined,
      query.to ? new Date(query.to) : undefined,
    );
    return toPage(rows, limit, (row) => this.toDto(row));
  }

  async update(userId: string, id: string, input: UpdateMoodDto): Promise<MoodEntryDto> {
    const notes = input.notes === undefined ? {} : this.sealNotes(userId, input.notes);
    const updated = await this.prisma.$transaction(async (tx) => {
      const entry = await this.mood.updateOwned(
        userId,
        id,
        { moodScore: input.moodScore, ...notes },
        tx,
      );
      if (entry) await this.orgScores.afterMoodEntry(tx, userId);
      return entry;
    });
    if (!updated) throw new NotFoundException(NOT_FOUND);
    return this.toDto(updated);
  }

  async remove(userId: string, id: string): Promise<void> {
    const removed = await this.prisma.$transaction(async (tx) => {
      const deleted = await this.mood.deleteOwned(userId, id, tx);
      if (deleted) await this.orgScores.afterMoodEntry(tx, userId);
      return deleted;
    });
    if (!removed) throw new NotFoundException(NOT_FOUND);
  }

  async stats(userId: string, days = DEFAULT_STATS_DAYS): Promise<MoodStatsDto> {
    const stats = await this.mood.stats(userId, days);
    if (!stats) throw new UnauthorizedException('This account no longer exists.');
    const weekday = (isoWeekday: number | null, average: number | null) =>
      isoWeekday === null || average === null ? null : { isoWeekday, average };
    return {
      timezone: stats.timezone,
      days,
      daily: stats.daily,
      trendPerWeek: stats.trendPerWeek,
      bestWeekday: weekday(stats.bestWeekday, stats.bestAverage),
      worstWeekday: weekday(stats.worstWeekday, stats.worstAverage),
      currentStreak: stats.currentStreak,
      longestStreak: stats.longestStreak,
    };
  }

  /** Every entry of the person, notes decrypted, for their data export. */
  async exportAll(userId: string): Promise<MoodEntryDto[]> {
    const rows = await this.prisma.moodEntry.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map((row) => this.toDto(row));
  }

  /** A note is bound to its owner: it cannot be moved onto another person's entry. */
  private sealNotes(userId: string, notes: string | null | undefined) {
    const sealed = this.encrypted.sealOptional(MOOD_NOTES, { user_id: userId }, notes);
    return { notes: sealed.ciphertext, encryptionKeyId: sealed.keyId };
  }

  private openNotes(row: StoredMoodEntry): string | null {
    return this.encrypted.openOptional(
      MOOD_NOTES,
      { user_id: row.userId },
      { keyId: row.encryptionKeyId, ciphertext: row.notes },
    );
  }

  private toDto(row: StoredMoodEntry): MoodEntryDto {
    return {
      id: row.id,
      moodScore: row.moodScore,
      notes: this.openNotes(row),
      createdAt: row.createdAt,
    };
  }
}
