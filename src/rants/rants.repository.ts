import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

export interface StoredRant {
  id: string;
  content: string;
  encryptionKeyId: string | null;
  sentimentScore: number | null;
  supportCount: number;
  createdAt: Date;
}

/** Where a feed page stopped: for "supported", the support count leads the order. */
export interface FeedCursor {
  createdAt: Date;
  id: string;
  supportCount?: number;
}

const FEED_COLUMNS = {
  id: true,
  content: true,
  encryptionKeyId: true,
  sentimentScore: true,
  supportCount: true,
  createdAt: true,
} as const;

@Injectable()
export class RantsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(data: {
    id: string;
    tokenHash: string;
    content: string;
    encryptionKeyId: string;
    sentimentScore: number;
    createdAt: Date;
  }): Promise<void> {
    await this.prisma.anonymousRant.create({
      data: {
        id: data.id,
        anonymousToken: data.tokenHash,
        content: data.content,
        encryptionKeyId: data.encryptionKeyId,
        sentimentScore: data.sentimentScore,
        createdAt: data.createdAt,
      },
    });
  }

  /** Visible posts, newest or most supported first, `limit + 1` rows. */
  feed(sort: 'newest' | 'supported', limit: number, cursor?: FeedCursor): Promise<StoredRant[]> {
    const after = !cursor
      ? {}
      : sort === 'newest'
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {
            OR: [
              { supportCount: { lt: cursor.supportCount ?? 0 } },
              { supportCount: cursor.supportCount ?? 0, createdAt: { lt: cursor.createdAt } },
              {
                supportCount: cursor.supportCount ?? 0,
                createdAt: cursor.createdAt,
                id: { lt: cursor.id },
              },
            ],
          };
    return this.prisma.anonymousRant.findMany({
      where: { hiddenAt: null, ...after },
      orderBy:
        sort === 'newest'
          ? [{ createdAt: 'desc' }, { id: 'desc' }]
          : [{ supportCount: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: FEED_COLUMNS,
    });
  }

  /** Deletes the post only if `tokenHash` is its delete token's hash. */
  async deleteWithToken(id: string, tokenHash: string): Promise<boolean> {
    const { count } = await this.prisma.anonymousRant.deleteMany({
      where: { id, anonymousToken: tokenHash },
    });
    return count === 1;
  }

  /**
   * Adds one support unless this supporter hash already gave one, and the counter with it, in one
   * transaction: the count always equals the recorded supports. Null when there is no such post.
   */
  support(
    rantId: string,
    supporterHash: string,
    day: Date,
  ): Promise<{ supportCount: number; added: boolean } | null> {
    return this.prisma.$transaction(async (tx) => {
      const rant = await tx.anonymousRant.findFirst({
        where: { id: rantId, hiddenAt: null },
        select: { id: true },
      });
      if (!rant) return null;
      const inserted = await tx.$executeRaw`
        INSERT INTO rant_supports (rant_id, supporter_hash, created_at)
        VALUES (${rantId}::uuid, ${supporterHash}, ${day})
        ON CONFLICT DO NOTHING`;
      const updated = await tx.anonymousRant.update({
        where: { id: rantId },
        data: inserted === 1 ? { supportCount: { increment: 1 } } : {},
        select: { supportCount: true },
      });
      return { supportCount: updated.supportCount, added: inserted === 1 };
    });
  }
}
