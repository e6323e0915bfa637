import { randomBytes } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { type CursorQueryDto, DEFAULT_PAGE_SIZE } from '../common/pagination/page.dto.js';
import { OrgAccessService } from '../orgs/org-access.service.js';
import { CLIENT_TOKEN_AUDIENCE } from '../auth/access-token-key.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../auth/passwords.js';
import type { AuthenticatedUser, ClientScope, ClientTokenClaims } from '../auth/roles.js';
import type {
  ApiClientDto,
  ApiClientPageDto,
  CreateApiClientDto,
  CreatedApiClientDto,
  OAuthTokenDto,
} from './api-clients.dto.js';
import { ApiClientsRepository } from './api-clients.repository.js';
import {
  CLIENT_ID_BYTES,
  CLIENT_ID_PREFIX,
  CLIENT_SECRET_BYTES,
  REQUESTED_SCOPE_MAX_LENGTH,
} from '../auth/client-credentials.js';
import { NOT_GRANTED_PREFIX, OAuthError } from './oauth-error.js';

/** Client-credentials tokens live 10 minutes; HR systems ask again when one expires. */
export const CLIENT_TOKEN_TTL_SECONDS = 600;

/** HR systems' API clients: created by an org admin, bound to that organisation. */
@Injectable()
export class ApiClientsService {
  constructor(
    private readonly clients: ApiClientsRepository,
    private readonly access: OrgAccessService,
    private readonly jwt: JwtService,
  ) {}

  async create(
    caller: AuthenticatedUser,
    orgId: string,
    input: CreateApiClientDto,
  ): Promise<CreatedApiClientDto> {
    await this.access.assertCanManage(caller, orgId);
    const clientId = `${CLIENT_ID_PREFIX}${randomBytes(CLIENT_ID_BYTES).toString('base64url')}`;
    const clientSecret = randomBytes(CLIENT_SECRET_BYTES).toString('base64url');
    const created = await this.clients.create({
      orgId,
      name: input.name,
      clientId,
      secretHash: await hashPassword(clientSecret),
      scopes: input.scopes,
    });
    return { ...toDto(created), clientSecret };
  }

  async list(
    caller: AuthenticatedUser,
    orgId: string,
    query: CursorQueryDto,
  ): Promise<ApiClientPageDto> {
    await this.access.assertCanManage(caller, orgId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    return toPage(await this.clients.pageOfOrg(orgId, limit, cursor), limit, toDto);
  }

  async revoke(caller: AuthenticatedUser, orgId: string, id: string): Promise<void> {
    await this.access.assertCanManage(caller, orgId);
    if (!(await this.clients.revoke(orgId, id))) throw new NotFoundException('No such API client.');
  }

  /**
   * The client-credentials grant (RFC 6749 section 4.4): a valid, unrevoked client gets a token
   * for its organisation with the scopes it asked for, which must be among those it was given.
   */
  async issueToken(
    clientId: string,
    clientSecret: string,
    requestedScope?: string,
  ): Promise<OAuthTokenDto> {
    const client = await this.clients.findForAuthentication(clientId);
    const valid = client
      ? await verifyPassword(client.secretHash, clientSecret)
      : await verifyAgainstDecoy(clientSecret);
    if (!client || !valid || client.revokedAt) {
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed.');
    }
    const granted = client.scopes as ClientScope[];
    if (requestedScope !== undefined && requestedScope.length > REQUESTED_SCOPE_MAX_LENGTH) {
      throw new OAuthError(
        400,
        'invalid_scope',
        `scope must be at most ${REQUESTED_SCOPE_MAX_LENGTH} characters.`,
      );
    }
    // A scope is a set (RFC 6749 section 3.3): a repeat asks for nothing more.
    const requested = [...new Set(requestedScope?.split(' ').filter(Boolean) ?? granted)];
    const unknown = requested.filter((scope) => !(granted as string[]).includes(scope));
    if (unknown.length > 0) {
      throw new OAuthError(400, 'invalid_scope', `${NOT_GRANTED_PREFIX}${unknown.join(' ')}`);
    }
    const scope = requested.join(' ');
    const claims: ClientTokenClaims = { sub: client.clientId, org: client.orgId, scope };
    const accessToken = await this.jwt.signAsync(claims, {
      audience: CLIENT_TOKEN_AUDIENCE,
      expiresIn: CLIENT_TOKEN_TTL_SECONDS,
    });
    await this.clients.touch(client.clientId);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: CLIENT_TOKEN_TTL_SECONDS,
      scope,
    };
  }
}

function toDto(row: {
  id: string;
  name: string;
  clientId: string;
  scopes: unknown;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}): ApiClientDto {
  return { ...row, scopes: row.scopes as ClientScope[] };
}
