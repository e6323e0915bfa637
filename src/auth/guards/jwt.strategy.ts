import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import {
  AccessTokenKey,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from '../access-token-key.js';
import { AccessTokens } from '../access-tokens.js';
import type { AccessTokenClaims, AuthenticatedUser } from '../roles.js';

/**
 * Verifies `Authorization: Bearer` access tokens of people: signature, algorithm, issuer,
 * audience and expiry here, then the claims and the session through `AccessTokens`.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    key: AccessTokenKey,
    private readonly tokens: AccessTokens,
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
    return (await this.tokens.personOf(claims)) ?? false;
  }
}
