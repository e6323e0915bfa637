import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import {
  AccessTokenKey,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from '../access-token-key.js';
import { type AccessTokenClaims, type AuthenticatedUser, ROLES } from '../roles.js';
import { SessionsRepository } from '../sessions.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies `Authorization: Bearer` access tokens: signature, algorithm, issuer, audience, expiry,
 * and that the session it was issued in is still open. A role change, an ended membership, a
 * password change, a sign-out and an erased account all end sessions; checking the session on
 * every request makes each take effect at once instead of when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    key: AccessTokenKey,
    private readonly sessions: SessionsRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands this to jsonwebtoken, which takes a KeyObject; its types say string.
      secretOrKey: key.key as unknown as string,
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser | false> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return false;
    if (!ROLES.includes(claims.role)) return false;
    if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) return false;
    if (!(await this.sessions.isLive(claims.sid, claims.sub))) return false;
    return { kind: 'user', userId: claims.sub, role: claims.role, sessionId: claims.sid };
  }
}
