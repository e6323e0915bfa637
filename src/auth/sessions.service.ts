import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Cursor } from '../common/pagination/cursor.js';
import { AppConfig } from '../config/app-config.js';
import { type Db, PrismaService } from '../database/prisma.service.js';
import type { AccessTokenClaims, Role } from './roles.js';
import {
  type SessionOrigin,
  SessionsRepository,
  type SessionSummary,
} from './sessions.repository.js';
import { newRefreshToken, sha256Hex } from './tokens.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const INVALID_REFRESH = 'The refresh token is not valid. Sign in again.';

/**
 * Sessions: an access token (JWT, short-lived) and an opaque refresh token that rotates on every
 * use. Tokens of one sign-in form a family; presenting a token that was already rotated means
 * someone else holds it, so the whole family ends (RFC 9700, refresh token reuse detection).
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('SessionsService');

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Starts a new session for a user who just proved who they are; `ssoOrgId` names the
   * organisation whose SSO they proved it through, which may end this session and no other.
   */
  start(userId: string, role: Role, ssoOrgId: string | null = null): Promise<TokenPair> {
    return this.issue(role, { userId, familyId: randomUUID(), ssoOrgId });
  }

  /** Exchanges a refresh token for a new pair; the old one stops working. */
  async refresh(
    refreshToken: string,
    roleOf: (userId: string) => Promise<Role | null>,
  ): Promise<TokenPair> {
    const hash = sha256Hex(refreshToken);
    const claimed = await this.sessions.claimForRotation(hash);
    if (!claimed) {
      const reusedFamily = await this.sessions.familyOfRotated(hash);
      if (reusedFamily) {
        await this.sessions.deleteFamily(reusedFamily);
        this.logger.warn(
          { sessionId: reusedFamily },
          'Rotated refresh token reused: session revoked',
        );
      }
      throw new UnauthorizedException(INVALID_REFRESH);
    }
    const role = await roleOf(claimed.userId);
    if (!role) throw new UnauthorizedException(INVALID_REFRESH);
    return this.issue(role, claimed);
  }

  /** Ends the session a refresh token belongs to; unknown tokens change nothing. */
  async endByToken(refreshToken: string): Promise<void> {
    const found = await this.sessions.familyOf(sha256Hex(refreshToken));
    if (found) await this.sessions.deleteFamily(found.familyId);
  }

  async end(userId: string, sessionId: string): Promise<void> {
    const removed = await this.sessions.deleteFamily(sessionId, userId);
    // Someone else's session, or none: the same answer, so ids of others cannot be probed.
    if (removed === 0) throw new NotFoundException('No such session.');
  }

  /**
   * Ends the sessions of these people: all of them, or with `beganThroughSsoOf` only those begun
   * through that organisation's SSO (a person's own sign-ins, and those through other
   * organisations, are not an organisation's to end). Every path that ends a person's sessions
   * comes here; give it the transaction of the change that ends them.
   */
  async endFor(
    who: { userIds: string[]; beganThroughSsoOf?: string },
    db: Db = this.prisma,
  ): Promise<void> {
    if (who.userIds.length === 0) return;
    await this.sessions.deleteOf(who.userIds, who.beganThroughSsoOf, db);
  }

  /** Live sessions, last used first, `limit + 1` of them. */
  page(userId: string, limit: number, after?: Cursor): Promise<SessionSummary[]> {
    return this.sessions.pageLive(userId, limit, after);
  }

  purgeExpired(): Promise<number> {
    return this.sessions.deleteExpired();
  }

  private async issue(role: Role, session: SessionOrigin): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    const ttlMs = this.config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000;
    await this.sessions.insert({
      ...session,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(Date.now() + ttlMs),
    });
    const claims: AccessTokenClaims = { sub: session.userId, role, sid: session.familyId };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS };
  }

  /** The person's sessions as stored (never a token), for their export. */
  exportAll(userId: string) {
    return this.sessions.allOf(userId);
  }
}
