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

/** Verifies `Authorization: Bearer` access tokens: signature, algorithm, issuer, audience, expiry. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(key: AccessTokenKey) {
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

  validate(claims: AccessTokenClaims): AuthenticatedUser | false {
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role)) return false;
    return { kind: 'user', userId: claims.sub, role: claims.role, sessionId: claims.sid };
  }
}
