import { Injectable } from '@nestjs/common';
import type { Cursor } from '../common/pagination/cursor.js';
import { PrismaService } from '../database/prisma.service.js';
import { JOURNALS_PAGE } from './journals-page.sql.js';

export interface StoredJournal {
  id: string;
  userId: string;
  content: string;
  encryptionKeyId: string | null;
  moodScore: number | null;
  tags: unknown;
  isPrivate: boolean;
  createdAt: Date;
}

export interface JournalWrite {
  content?: string;
  encryptionKeyId?: string;
  moodScore?: number | null;
  tags?: string[];
  isPrivate?: boolean;
}

@Injectable()
export class JournalsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(userId: string, data: JournalWrite & { content: string; encryptionKeyId: string }) {
    return this.prisma.journal.create({ data: { userId, ...data } });
  }

  findOwned(userId: string, id: string): Promise<StoredJournal | null> {
    return this.prisma.journal.findFirst({ where: { id, userId } });
  }

  async updateOwned(userId: string, id: string, data: JournalWrite): Promise<StoredJournal | null> {
    const { count } = await this.prisma.journal.updateMany({ where: { id, userId }, data });
    return count === 0 ? null : this.findOwned(userId, id);
  }

  async deleteOwned(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.journal.deleteMany({ where: { id, userId } });
    return count === 1;
  }

  /** Newest first, `limit + 1` rows; `tag` matches through jsonb containment (JOURNALS_PAGE). */
  page(
    userId: string,
    limit: number,
    filter: { cursor?: Cursor; from?: Date; to?: Date; tag?: string },
  ): Promise<StoredJournal[]> {
    return JOURNALS_PAGE.rows(this.prisma.pool, [
      userId,
      filter.from ?? null,
      filter.to ?? null,
      filter.tag || null,
      filter.cursor?.createdAt ?? null,
      filter.cursor?.id ?? null,
      limit + 1,
    ]);
  }

  allOf(userId: string): Promise<StoredJournal[]> {
    return this.prisma.journal.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  }
}
