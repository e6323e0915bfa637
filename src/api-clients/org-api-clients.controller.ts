import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CursorQueryDto } from '../common/pagination/page.dto.js';
import { CurrentUser } from '../auth/guards/current-user.decorator.js';
import type { AuthenticatedUser } from '../auth/roles.js';
import { ApiClientPageDto, CreateApiClientDto, CreatedApiClientDto } from './api-clients.dto.js';
import { ApiClientsService } from './api-clients.service.js';

/** An organisation's API clients, managed by its admin (others get 404). */
@ApiTags('HR integration')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId/api-clients')
export class OrgApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  /**
   * Creates a client; its secret is in this answer only.
   *
   * @remarks
   * For the organisation's admin and platform admins; anyone else gets 404. The client is bound to
   * this organisation with the scopes given. Only a hash of the secret is kept, so store it now;
   * the HR system exchanges the client id and secret for tokens at `POST /v1/oauth/token`.
   */
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateApiClientDto,
  ): Promise<CreatedApiClientDto> {
    return this.clients.create(user, orgId, body);
  }

  /**
   * The organisation's API clients.
   *
   * @remarks
   * For the organisation's admin and platform admins; anyone else gets 404. Newest first, revoked
   * ones included, each with its scopes and when it last obtained a token; secrets are never shown
   * again. Paged with `limit` and `cursor`.
   */
  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: CursorQueryDto,
  ): Promise<ApiClientPageDto> {
    return this.clients.list(user, orgId, query);
  }

  /**
   * Revokes a client: its tokens stop working at once.
   *
   * @remarks
   * For the organisation's admin and platform admins. Tokens already issued are refused from the
   * next request and no new ones are issued. A client already revoked answers 404.
   */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  revoke(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.clients.revoke(user, orgId, id);
  }
}
