import { Injectable } from '@nestjs/common';
import type { Cursor } from '../common/pagination/cursor.js';
import { type Db, PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import { LIVE_SESSION } from './live-session.sql.js';

export interface SessionSummary {
  id: string;
  startedAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
}

/** Whose session a token belongs to, and the organisation whose SSO began it (if any). */
export interface SessionOrigin {
  userId: string;
  familyId: string;
  ssoOrgId: string | null;
}

/** Refresh tokens, grouped in families: one family is one signed-in session. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(session: SessionOrigin & { tokenHash: string; expiresAt: Date }): Promise<void> {
    const { tokenHash, userId, familyId, ssoOrgId, expiresAt } = session;
    await this.prisma.refreshToken.create({
      data: { token: tokenHash, userId, familyId, ssoOrgId, expiresAt },
    });
  }

  /**
   * Marks a live token as rotated and answers its owner, in one statement: of two concurrent
   * refreshes with the same token, exactly one gets the row.
   */
  async claimForRotation(tokenHash: string): Promise<SessionOrigin | null> {
    const rows = await this.prisma.$queryRaw<SessionOrigin[]>`
      UPDATE refresh_tokens SET rotated_at = now()
       WHERE token = ${tokenHash} AND rotated_at IS NULL AND expires_at > now()
      RETURNING user_id AS "userId", family_id AS "familyId", sso_org_id AS "ssoOrgId"`;
    return rows[0] ?? null;
  }

  /** The family of a token that was already rotated (its reuse means theft), if any. */
  async familyOfRotated(tokenHash: string): Promise<string | null> {
    const row = await this.prisma.refreshToken.findFirst({
      where: { token: tokenHash, rotatedAt: { not: null } },
      select: { familyId: true },
    });
    return row?.familyId ?? null;
  }

  async familyOf(tokenHash: string): Promise<{ userId: string; familyId: string } | null> {
    return this.prisma.refreshToken.findUnique({
      where: { token: tokenHash },
      select: { userId: true, familyId: true },
    });
  }

  async deleteFamily(familyId: string, userId?: string): Promise<number> {
    const { count } = await this.prisma.refreshToken.deleteMany({
      where: { familyId, ...(userId ? { userId } : {}) },
    });
    return count;
  }

  /** Every session of these people, or only those begun through `ssoOrgId`'s SSO. */
  async deleteOf(userIds: string[], ssoOrgId: string | undefined, db: Db): Promise<void> {
    await db.refreshToken.deleteMany({
      where: { userId: { in: userIds }, ...(ssoOrgId === undefined ? {} : { ssoOrgId }) },
    });
  }

  async deleteExpired(): Promise<number> {
    const { count } = await this.prisma.refreshToken.deleteMany({
      where: { expiresAt: { lte: new Date() } },
    });
    return count;
  }

  /**
   * The live sessions of a user, last used first, `limit + 1` rows; `after` is where the previous
   * page stopped: its last session's last use (as `createdAt`) and id.
   */
  pageLive(userId: string, limit: number, after?: Cursor): Promise<SessionSummary[]> {
    const beyond = after
      ? Prisma.sql`AND (max(created_at), family_id) < (${after.createdAt}, ${after.id}::uuid)`
      : Prisma.empty;
    return this.prisma.$queryRaw<SessionSummary[]>`
      SELECT family_id AS "id", min(created_at) AS "startedAt", max(created_at) AS "lastUsedAt",
             max(expires_at) AS "expiresAt"
        FROM refresh_tokens
       WHERE user_id = ${userId}::uuid
       GROUP BY family_id
      HAVING bool_or(rotated_at IS NULL AND expires_at > now()) ${beyond}
       ORDER BY max(created_at) DESC, family_id DESC
       LIMIT ${limit + 1}`;
  }

  /** Whether the session (refresh-token family) is still open for this person. */
  async isLive(familyId: string, userId: string): Promise<boolean> {
    const rows = await LIVE_SESSION.rows(this.prisma.pool, [familyId, userId]);
    return rows.length > 0;
  }

  /** Every session token of the person, newest first, without the token hashes. */
  allOf(userId: string) {
    return this.prisma.refreshToken.findMany({
      where: { userId },
      select: { familyId: true, createdAt: true, expiresAt: true, rotatedAt: true },
      orderBy: { createdAt: 'desc' },
    });
  }
}
