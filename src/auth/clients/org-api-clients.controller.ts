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
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../guards/current-user.decorator.js';
import type { AuthenticatedUser } from '../roles.js';
import { ApiClientDto, CreateApiClientDto, CreatedApiClientDto } from './api-clients.dto.js';
import { ApiClientsService } from './api-clients.service.js';

/** An organisation's API clients, managed by its admin (others get 404). */
@ApiTags('HR integration')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId/api-clients')
export class OrgApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  /** Creates a client; its secret is in this answer only. */
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateApiClientDto,
  ): Promise<CreatedApiClientDto> {
    return this.clients.create(user, orgId, body);
  }

  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<ApiClientDto[]> {
    return this.clients.list(user, orgId);
  }

  /** Revokes a client: its tokens stop working at once. */
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
