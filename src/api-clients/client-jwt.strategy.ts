import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ApiClientsRepository } from './api-clients.repository.js';
import {
  AccessTokenKey,
  CLIENT_TOKEN_AUDIENCE,
  TOKEN_ALGORITHM,
  TOKEN_ISSUER,
} from '../auth/access-token-key.js';
import {
  type AuthenticatedClient,
  CLIENT_SCOPES,
  type ClientScope,
  type ClientTokenClaims,
} from '../auth/roles.js';

/**
 * Verifies client-credentials tokens (audience `mindfulme-hr`), and that the client has not been
 * revoked since: HR traffic is light, and a revoked integration must stop at once.
 */
@Injectable()
export class ClientJwtStrategy extends PassportStrategy(Strategy, 'client-jwt') {
  constructor(
    key: AccessTokenKey,
    private readonly clients: ApiClientsRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: key.key as unknown as string,
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: CLIENT_TOKEN_AUDIENCE,
    });
  }

  async validate(claims: ClientTokenClaims): Promise<AuthenticatedClient | false> {
    if (typeof claims.sub !== 'string' || typeof claims.org !== 'string') return false;
    if (!(await this.clients.isActive(claims.sub, claims.org))) return false;
    const scopes = String(claims.scope ?? '')
      .split(' ')
      .filter((scope): scope is ClientScope =>
        (CLIENT_SCOPES as readonly string[]).includes(scope),
      );
    return { kind: 'client', clientId: claims.sub, orgId: claims.org, scopes };
  }
}
