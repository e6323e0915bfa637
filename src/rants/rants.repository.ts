import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { RantReportReason } from './report-reasons.js';

export interface StoredRant {
  id: string;
  content: string;
  encryptionKeyId: string | null;
  sentimentScore: number | null;
  supportCount: number;
  createdAt: Date;
}

export interface ReportedRant extends StoredRant {
  reportCount: number;
  hiddenAt: Date | null;
  /** Reports by reason, e.g. { harassment: 3, spam: 1 }. */
  reasons: Record<string, number>;
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

  /**
   * Records one report per reporter hash and post, and the post's counter with it. Null when the
   * post does not exist or is already hidden.
   */
  report(
    rantId: string,
    reporterHash: string,
    reason: RantReportReason,
    day: Date,
  ): Promise<{ added: boolean } | null> {
    return this.prisma.$transaction(async (tx) => {
      const rant = await tx.anonymousRant.findFirst({
        where: { id: rantId, hiddenAt: null },
        select: { id: true },
      });
      if (!rant) return null;
      const inserted = await tx.$executeRaw`
        INSERT INTO rant_reports (rant_id, reporter_hash, reason, created_at)
        VALUES (${rantId}::uuid, ${reporterHash}, ${reason}, ${day})
        ON CONFLICT DO NOTHING`;
      if (inserted === 1) {
        await tx.anonymousRant.update({
          where: { id: rantId },
          data: { reportCount: { increment: 1 } },
          select: { id: true },
        });
      }
      return { added: inserted === 1 };
    });
  }

  /**
   * Reported posts for review, most reported first, `limit + 1` rows, with how many reports gave
   * each reason. `hidden` chooses between posts still in the feed and posts already hidden.
   */
  reported(
    hidden: boolean,
    limit: number,
    after?: { reportCount: number; id: string },
  ): Promise<ReportedRant[]> {
    return this.prisma.$queryRaw<ReportedRant[]>`
      SELECT r.id, r.content, r.encryption_key_id AS "encryptionKeyId",
             r.sentiment_score AS "sentimentScore", r.support_count AS "supportCount",
             r.report_count AS "reportCount", r.hidden_at AS "hiddenAt", r.created_at AS "createdAt",
             (SELECT jsonb_object_agg(reason, n)
                FROM (SELECT reason, count(*)::int AS n FROM rant_reports
                       WHERE rant_id = r.id GROUP BY reason) AS by_reason) AS reasons
        FROM anonymous_rants r
       WHERE r.report_count > 0
         AND (r.hidden_at IS NOT NULL) = ${hidden}
         AND (${after?.reportCount ?? null}::int IS NULL
              OR (r.report_count, r.id) < (${after?.reportCount ?? 0}::int, ${after?.id ?? null}::uuid))
       ORDER BY r.report_count DESC, r.id DESC
       LIMIT ${limit + 1}`;
  }

  /** Hides or shows a post again; false when there is no such post. */
  async setHidden(id: string, hiddenAt: Date | null): Promise<boolean> {
    const { count } = await this.prisma.anonymousRant.updateMany({
      where: { id },
      data: { hiddenAt },
    });
    return count === 1;
  }
}
