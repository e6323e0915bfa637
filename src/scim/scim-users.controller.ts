import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowClients } from '../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal } from '../auth/guards/current-user.decorator.js';
import type { Principal } from '../auth/roles.js';
import { ScimErrorFilter } from './scim-error.filter.js';
import { SCIM_MAX_FILTER_LENGTH } from './scim-list.js';
import { scimContent } from './scim-openapi.js';
import { SCIM_CONTENT_TYPE, SCIM_MAX_RESULTS } from './scim-schemas.js';
import type { ScimUser } from './scim-user.js';
import { ScimUsersService } from './scim-users.service.js';

const USER_BODY = { schema: { $ref: '#/components/schemas/ScimUserRequest' } };
const USER = { description: 'The User as it now stands.', ...scimContent('ScimUser') };

/**
 * SCIM 2.0 provisioning for identity providers and HR systems (Okta, Entra ID, Workday...):
 * an HR client token: `employees:read` to read, `employees:write` to change; the organisation is
 * the client's.
 */
@ApiTags('scim')
@ApiConsumes(SCIM_CONTENT_TYPE, 'application/json')
@ApiProduces(SCIM_CONTENT_TYPE)
@UseFilters(ScimErrorFilter)
@Controller({ path: 'scim/v2/Users' })
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  /** Provisions a person: their account (made if needed) joins the organisation. */
  @Post()
  @AllowClients('employees:write')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  @ApiBody(USER_BODY)
  @ApiResponse({ status: 201, ...USER })
  @ApiResponse({
    status: 409,
    description: 'The person is already a member (scimType uniqueness).',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimUser> {
    const user = await this.users.create(principal, body);
    void reply.header('Location', user.meta.location);
    return user;
  }

  /** Members, filtered by `userName eq "..."` or `externalId eq "..."`. */
  @Get()
  @AllowClients('employees:read', 'employees:write')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  @ApiQuery({
    name: 'filter',
    required: false,
    schema: { type: 'string', maxLength: SCIM_MAX_FILTER_LENGTH },
    description: 'userName eq "..." or externalId eq "..." (RFC 7644 3.4.2.2, these two only).',
    example: 'userName eq "ana@acme.com"',
  })
  @ApiQuery({
    name: 'startIndex',
    required: false,
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 2_147_483_647, default: 1 },
  })
  @ApiQuery({
    name: 'count',
    required: false,
    schema: {
      type: 'integer',
      format: 'int32',
      minimum: 0,
      maximum: SCIM_MAX_RESULTS,
      default: 100,
    },
  })
  @ApiResponse({
    status: 200,
    description: 'A SCIM ListResponse of Users.',
    ...scimContent('ScimListResponse'),
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.users.list(principal, query);
  }

  @Get(':id')
  @AllowClients('employees:read', 'employees:write')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  @ApiResponse({ status: 200, ...USER })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ScimUser> {
    return this.users.get(principal, id);
  }

  /** Replaces the User; userName (the sign-in email) cannot change. */
  @Put(':id')
  @AllowClients('employees:write')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  @ApiBody(USER_BODY)
  @ApiResponse({ status: 200, ...USER })
  replace(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ScimUser> {
    return this.users.replace(principal, id, body);
  }

  /** A PatchOp: `active` false deprovisions (membership and sessions end), true restores. */
  @Patch(':id')
  @AllowClients('employees:write')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  @ApiBody({ schema: { $ref: '#/components/schemas/ScimPatchOp' } })
  @ApiResponse({ status: 200, ...USER })
  patch(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ScimUser> {
    return this.users.patch(principal, id, body);
  }

  /** Deprovisions: the membership and the person's sessions end; their own data stays. */
  @Delete(':id')
  @AllowClients('employees:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.users.remove(principal, id);
  }
}
