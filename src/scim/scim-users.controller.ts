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
@ApiTags('SCIM', 'HR integration')
@ApiConsumes(SCIM_CONTENT_TYPE, 'application/json')
@ApiProduces(SCIM_CONTENT_TYPE)
@UseFilters(ScimErrorFilter)
@Controller({ path: 'scim/v2/Users' })
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  /**
   * Provisions a person as a member of the organisation.
   *
   * @remarks
   * For HR clients with `employees:write`; the organisation is the client's. The userName must be
   * an email of a domain the organisation has verified (403 otherwise); an account is made if none
   * exists, an ended membership starts again, and a current member answers 409 (uniqueness). A
   * person's token answers 403.
   */
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

  /**
   * Members, filtered by `userName eq "..."` or `externalId eq "..."`.
   *
   * @remarks
   * For HR clients with `employees:read` or `employees:write`. A ListResponse paged with
   * `startIndex` (from 1) and `count` (default 100, at most 200); ended memberships are listed with
   * `active: false`.
   */
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

  /**
   * One User.
   *
   * @remarks
   * For HR clients with `employees:read` or `employees:write`. The id is the member's id, as in
   * `/v1/orgs/{orgId}/employees`; one that is not a member of the client's organisation answers
   * 404.
   */
  @Get(':id')
  @AllowClients('employees:read', 'employees:write')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  @ApiResponse({ status: 200, ...USER })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ScimUser> {
    return this.users.get(principal, id);
  }

  /**
   * Replaces the User; userName (the sign-in email) cannot change.
   *
   * @remarks
   * For HR clients with `employees:write`; the organisation is the client's. externalId, title and
   * department left out are cleared; `active: false` ends the membership and the sessions begun
   * through the organisation's SSO. A different userName answers 400 (mutability).
   */
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

  /**
   * Changes some attributes of a User.
   *
   * @remarks
   * For HR clients with `employees:write`; the organisation is the client's. A PatchOp (add,
   * replace, remove): `active` false deprovisions (the membership and the sessions begun through
   * the organisation's SSO end), true restores. Attributes this service does not keep are ignored;
   * userName cannot change (400).
   */
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

  /**
   * Deprovisions a User.
   *
   * @remarks
   * For HR clients with `employees:write`; the organisation is the client's. The membership and the
   * sessions the person began through the organisation's SSO end; their account and own data stay,
   * and the User remains, with `active: false`. Deprovisioning again changes nothing.
   */
  @Delete(':id')
  @AllowClients('employees:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.users.remove(principal, id);
  }
}
