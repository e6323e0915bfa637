import {
  type ArgumentsHost,
  Body,
  Catch,
  Controller,
  type ExceptionFilter,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/guards/public.decorator.js';
import { FederatedRateLimited } from '../auth/throttling/rate-limited.decorator.js';
import { OAuthTokenDto } from './api-clients.dto.js';
import { ApiClientsService } from './api-clients.service.js';
import {
  CLIENT_ID_LENGTH,
  CLIENT_ID_PREFIX,
  CLIENT_SECRET_LENGTH,
  clientCredentialsOf,
  REQUESTED_SCOPE_MAX_LENGTH,
} from '../auth/client-credentials.js';
import { OAUTH_ERROR_DESCRIPTION_MAX_LENGTH, OAuthError } from './oauth-error.js';

@Catch(OAuthError)
class OAuthErrorFilter implements ExceptionFilter {
  catch(error: OAuthError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error.status === 401) void reply.header('WWW-Authenticate', 'Basic realm="mindfulme"');
    void reply
      .status(error.status)
      .header('Cache-Control', 'no-store')
      .send({ error: error.error, error_description: error.description });
  }
}

/** RFC 6749 section 5.2's error body. */
const OAUTH_ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'string',
      enum: ['invalid_request', 'invalid_client', 'invalid_scope', 'unsupported_grant_type'],
    },
    error_description: { type: 'string', maxLength: OAUTH_ERROR_DESCRIPTION_MAX_LENGTH },
  },
};

@ApiTags('HR integration')
@Public()
@UseFilters(OAuthErrorFilter)
@Controller('oauth')
export class OAuthTokenController {
  constructor(private readonly clients: ApiClientsService) {}

  /**
   * Issues an HR system a client-credentials access token.
   *
   * @remarks
   * OAuth 2.0 client-credentials grant (RFC 6749 section 4.4). Send `grant_type=client_credentials`
   * (and optionally `scope`) as a form, authenticating with HTTP Basic or with `client_id` and
   * `client_secret` fields (a JSON body with the same fields works too). The token lasts 10
   * minutes, is bound to the client's organisation and carries the scopes asked for (all the
   * client's by default, never more: 400 `invalid_scope`). Errors follow RFC 6749 section 5.2. A
   * token is refused as soon as its client is revoked, whatever its remaining lifetime.
   * Rate-limited per client (429 with Retry-After).
   */
  @Post('token')
  @HttpCode(HttpStatus.OK)
  @FederatedRateLimited()
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        scope: {
          type: 'string',
          maxLength: REQUESTED_SCOPE_MAX_LENGTH,
          pattern: '^[a-z.:]*( +[a-z.:]*)*$',
          example: 'employees:read surveys:read',
        },
        client_id: {
          type: 'string',
          maxLength: CLIENT_ID_LENGTH,
          pattern: `^${CLIENT_ID_PREFIX}[A-Za-z0-9_-]+$`,
          description: 'When not using HTTP Basic.',
        },
        client_secret: {
          type: 'string',
          maxLength: CLIENT_SECRET_LENGTH,
          pattern: '^[A-Za-z0-9_-]+$',
          description: 'When not using HTTP Basic.',
        },
      },
    },
  })
  @ApiOkResponse({ type: OAuthTokenDto })
  @ApiResponse({
    status: 400,
    description:
      'RFC 6749 section 5.2: `{ error, error_description }` (invalid_scope, unsupported_grant_type).',
    schema: OAUTH_ERROR_SCHEMA,
  })
  @ApiResponse({
    status: 401,
    description: 'RFC 6749 section 5.2: `{ error: "invalid_client" }`.',
    schema: OAUTH_ERROR_SCHEMA,
  })
  async token(
    @Body() form: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OAuthTokenDto> {
    if (form?.grant_type !== 'client_credentials') {
      throw new OAuthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.');
    }
    const credentials = clientCredentialsOf(authorization, form ?? {});
    if (!credentials) throw new OAuthError(401, 'invalid_client', 'Client authentication failed.');
    const scope = typeof form.scope === 'string' ? form.scope : undefined;
    void reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
    return this.clients.issueToken(credentials.clientId, credentials.clientSecret, scope);
  }
}
