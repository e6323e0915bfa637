import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type AccessTokenClaims, type AuthenticatedUser, ROLES } from './roles.js';
import { SessionsRepository } from './sessions.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What makes a person's access token good, in one place: the JWT itself (signature, algorithm,
 * issuer, audience, expiry: JwtModule's verify options) and its claims, and that the session it
 * was issued in is still open. A role change, an ended membership, a password change, a
 * sign-out and an erased account all end sessions; checking the session on every request makes
 * each take effect at once instead of when the token expires.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
  ) {}

  /** The person behind verified claims, or null when they are malformed or the session ended. */
  async personOf(claims: AccessTokenClaims): Promise<AuthenticatedUser | null> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    if (!ROLES.includes(claims.role)) return null;
    if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) return null;
    if (!(await this.sessions.isLive(claims.sid, claims.sub))) return null;
    return { kind: 'user', userId: claims.sub, role: claims.role, sessionId: claims.sid };
  }

  /** Verifies a token presented outside the API's routes (the queue board); null when not good. */
  async verify(token: string): Promise<AuthenticatedUser | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return null;
    }
    return this.personOf(claims);
  }
}
