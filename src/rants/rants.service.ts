import { randomBytes, randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { UsersService } from '../auth/users.service.js';
import { CrisisDirectory } from '../assessments/crisis-resources.js';
import { sha256Hex } from '../auth/tokens.js';
import { AnonymityKey } from '../common/crypto/anonymity-key.js';
import { RANT_CONTENT } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import { consumeOrRefuse, createRateLimiter } from '../common/rate-limit/rate-limiter.js';
import { AppConfig } from '../config/app-config.js';
import { RedisClient } from '../jobs/redis-connection.js';
import {
  type CreatedRantDto,
  DELETE_TOKEN_BYTES,
  type RantDto,
  type RantPageDto,
  type ReportDto,
  type ReportedRantDto,
  type ReportedRantPageDto,
  type SupportDto,
} from './dto/rant.dto.js';
import { mentionsCrisis, sentimentScore } from './rant-language.js';
import type { RantReportReason } from './report-reasons.js';
import {
  type FeedCursor,
  RantsRepository,
  type ReportedRant,
  type StoredRant,
} from './rants.repository.js';

const POSTS_PER_HOUR = 10;

/** To the minute: a post's time must not single out who was online at that second. */
export function coarsenToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const startOfUtcDay = (date: Date) => new Date(`${utcDay(date)}T00:00:00Z`);

/**
 * Anonymous venting. The author must be signed in (to deter abuse), yet nothing stored, counted
 * or logged links a post to them: the only link is the delete token, handed to them once and
 * kept as a hash; posting limits count a daily keyed hash of the author, forgotten with the day.
 */
@Injectable()
export class RantsService {
  private readonly postLimiter: RateLimiterAbstract;

  constructor(
    private readonly rants: RantsRepository,
    private readonly encrypted: SealedColumns,
    private readonly anonymity: AnonymityKey,
    private readonly crisisLines: CrisisDirectory,
    private readonly users: UsersService,
    config: AppConfig,
    redis: RedisClient,
  ) {
    this.postLimiter = createRateLimiter(redis.client, {
      keyPrefix: `${config.QUEUE_PREFIX}:rate:rants`,
      points: POSTS_PER_HOUR,
      durationSeconds: 3600,
    });
  }

  async post(authorId: string, content: string): Promise<CreatedRantDto> {
    const now = new Date();
    await consumeOrRefuse(
      this.postLimiter,
      this.anonymity.dailyHash(utcDay(now), 'rant-author', authorId),
      'You have posted a lot this hour. Take a breath and try again later.',
      'posts',
    );
    const id = randomUUID();
    const deleteToken = randomBytes(DELETE_TOKEN_BYTES).toString('base64url');
    // Bound to the post itself: its text cannot be moved onto another post.
    const sealed = this.encrypted.seal(RANT_CONTENT, { id }, content);
    await this.rants.create({
      id,
      tokenHash: sha256Hex(deleteToken),
      content: sealed.ciphertext,
      encryptionKeyId: sealed.keyId,
      sentimentScore: sentimentScore(content),
      createdAt: coarsenToMinute(now),
    });
    // Shown to the author in this answer only, for their country (read, never stored with the
    // post); the post itself carries no trace of it.
    return {
      id,
      deleteToken,
      ...(mentionsCrisis(content)
        ? { crisisResources: this.crisisLines.for(await this.users.countryOf(authorId)) }
        : {}),
    };
  }

  async feed(sort: 'newest' | 'supported', limit: number, cursor?: string): Promise<RantPageDto> {
    const rows = await this.rants.feed(sort, limit, cursor ? decodeFeedCursor(cursor) : undefined);
    const kept = rows.slice(0, limit);
    const last = kept.at(-1);
    return {
      items: kept.map((row) => this.toDto(row)),
      nextCursor: rows.length > limit && last ? encodeFeedCursor(last) : null,
    };
  }

  /** Only the holder of the delete token can remove the post; anything else answers 404. */
  async remove(id: string, deleteToken: string): Promise<void> {
    if (!(await this.rants.deleteWithToken(id, sha256Hex(deleteToken)))) {
      throw new NotFoundException('No such post, or not the token that deletes it.');
    }
  }

  /** At most one support per person and post; who supported is not recorded, only that someone did. */
  async support(userId: string, rantId: string): Promise<SupportDto> {
    const result = await this.rants.support(
      rantId,
      this.anonymity.hash('rant-support', userId, rantId),
      startOfUtcDay(new Date()),
    );
    if (!result) throw new NotFoundException('No such post.');
    return result;
  }

  /** At most one report per person and post, counted without recording who reported. */
  async report(userId: string, rantId: string, reason: RantReportReason): Promise<ReportDto> {
    const result = await this.rants.report(
      rantId,
      this.anonymity.hash('rant-report', userId, rantId),
      reason,
      startOfUtcDay(new Date()),
    );
    if (!result) throw new NotFoundException('No such post.');
    return result;
  }

  /** For moderators: reported posts, most reported first, with the reasons given. */
  async reported(hidden: boolean, limit: number, cursor?: string): Promise<ReportedRantPageDto> {
    const rows = await this.rants.reported(
      hidden,
      limit,
      cursor ? decodeReportedCursor(cursor) : undefined,
    );
    const kept = rows.slice(0, limit);
    const last = kept.at(-1);
    return {
      items: kept.map((row) => this.toReportedDto(row)),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify({ r: last.reportCount, i: last.id })).toString('base64url')
          : null,
    };
  }

  /** Takes a post out of the feed (kept for review), or puts it back. */
  async setHidden(rantId: string, hidden: boolean): Promise<void> {
    if (!(await this.rants.setHidden(rantId, hidden ? new Date() : null))) {
      throw new NotFoundException('No such post.');
    }
  }

  private toReportedDto(row: ReportedRant): ReportedRantDto {
    return {
      ...this.toDto(row),
      reportCount: row.reportCount,
      hiddenAt: row.hiddenAt,
      reasons: row.reasons ?? {},
    };
  }

  private toDto(row: StoredRant): RantDto {
    return {
      id: row.id,
      content: this.encrypted.open(
        RANT_CONTENT,
        { id: row.id },
        { keyId: row.encryptionKeyId, ciphertext: row.content },
      ),
      sentimentScore: row.sentimentScore,
      supportCount: row.supportCount,
      createdAt: row.createdAt,
    };
  }
}

function encodeFeedCursor(row: StoredRant): string {
  return Buffer.from(
    JSON.stringify({ c: row.createdAt.toISOString(), i: row.id, s: row.supportCount }),
  ).toString('base64url');
}

function decodeFeedCursor(value: string): FeedCursor {
  try {
    const { c, i, s } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
      c: string;
      i: string;
      s: number;
    };
    const createdAt = new Date(c);
    if (Number.isNaN(createdAt.getTime()) || typeof i !== 'string' || typeof s !== 'number')
      throw new Error('shape');
    return { createdAt, id: i, supportCount: s };
  } catch {
    throw new BadRequestException('cursor is not one this service gave out.');
  }
}

function decodeReportedCursor(value: string): { reportCount: number; id: string } {
  try {
    const { r, i } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
      r: number;
      i: string;
    };
    if (!Number.isInteger(r) || typeof i !== 'string' || !/^[0-9a-f-]{36}$/i.test(i))
      throw new Error('shape');
    return { reportCount: r, id: i };
  } catch {
    throw new BadRequestException('cursor is not one this service gave out.');
  }
}
