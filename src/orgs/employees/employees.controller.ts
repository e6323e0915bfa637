import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  UseFilters,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { AllowClients } from '../../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal } from '../../auth/guards/current-user.decorator.js';
import type { Principal } from '../../auth/roles.js';
import { BulkRejectedFilter } from './bulk-rejected.filter.js';
import {
  BULK_MAX_ROWS,
  BulkRefusedSummaryDto,
  BulkRowResultDto,
  BulkUpsertEmployeesDto,
  BulkUpsertResultDto,
} from './dto/bulk-employees.dto.js';
import { problemContentWith } from '../../common/problem/problem.openapi.js';
import {
  AddEmployeeDto,
  EmployeeDto,
  EmployeePageDto,
  EmployeeQueryDto,
  UpdateEmployeeDto,
} from './dto/employee.dto.js';
import { EmployeeBulkService } from './employee-bulk.service.js';
import { EmployeesService } from './employees.service.js';

/**
 * Room for 10,000 roster rows with every field at its longest (about 850 bytes each), far above
 * the service's 1 MB default; applied by the `onRoute` hook in http-app.ts that copies a route's
 * `config.bodyLimit`.
 */
export const BULK_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

@ApiTags('orgs', 'HR integration')
@ApiBearerAuth('bearer')
@ApiExtraModels(BulkRowResultDto, BulkRefusedSummaryDto)
@Controller('orgs/:orgId/employees')
export class EmployeesController {
  constructor(
    private readonly employees: EmployeesService,
    private readonly bulk: EmployeeBulkService,
  ) {}

  /**
   * The organisation's members, newest first.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:read` or
   * `employees:write`; anyone else gets 404. Filtered by department or by `active`; up to 500 a
   * page (default 100), the next page named by `nextCursor` and the `Link` header. Members are
   * answered with who they are in the organisation, never anything about how they are.
   */
  @Get()
  @AllowClients('employees:read', 'employees:write')
  @ApiOkResponse({ type: EmployeePageDto })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: EmployeeQueryDto,
  ): Promise<EmployeePageDto> {
    return this.employees.list(principal, orgId, query);
  }

  /**
   * Adds a person to the organisation by email.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:write`. Only
   * emails of a domain the organisation has verified (403 otherwise: invite the person instead); an
   * account is made if none exists, without a password, for sign-in through the organisation's SSO.
   * A person whose membership had ended becomes a member again; a current member answers 409.
   */
  @Post()
  @ApiConflictResponse({ description: 'The person is already a member of the organisation.' })
  @ApiUnprocessableEntityResponse({
    description: 'The department is not one of the organisation’s.',
  })
  @AllowClients('employees:write')
  add(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: AddEmployeeDto,
  ): Promise<EmployeeDto> {
    return this.employees.add(principal, orgId, body);
  }

  /**
   * Applies an HR system's roster in one transaction.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:write`. Up to
   * 10,000 rows (413 beyond), keyed by externalId, else email; an upsert, not a replace: people the
   * roster leaves out are untouched, and a leaver is a row with `active: false`. The same roster
   * again changes nothing and answers every row `unchanged`. If any row is refused, nothing is
   * applied: 422 with the refused rows only.
   */
  @Put()
  @AllowClients('employees:write')
  @RouteConfig({ bodyLimit: BULK_BODY_LIMIT_BYTES })
  @UseFilters(BulkRejectedFilter)
  @ApiUnprocessableEntityResponse({
    description: 'Rows refused (results[] with status error); nothing was applied.',
    content: problemContentWith({
      results: {
        type: 'array',
        maxItems: BULK_MAX_ROWS,
        items: { $ref: getSchemaPath(BulkRowResultDto) },
      },
      summary: { $ref: getSchemaPath(BulkRefusedSummaryDto) },
    }),
  })
  @ApiPayloadTooLargeResponse({ description: 'More than 10,000 rows.' })
  upsert(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: BulkUpsertEmployeesDto,
  ): Promise<BulkUpsertResultDto> {
    return this.bulk.upsert(principal, orgId, body.employees);
  }

  /**
   * One member, by the id the organisation's lists and provisioning answered.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:read` or
   * `employees:write`. Ended memberships are answered too, with `active: false`; an id that is not
   * one of the organisation's members answers 404.
   */
  @Get(':employeeId')
  @AllowClients('employees:read', 'employees:write')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('employeeId', ParseUUIDPipe) employeeId: string,
  ): Promise<EmployeeDto> {
    return this.employees.get(principal, orgId, employeeId);
  }

  /**
   * Changes a member's details or role in the organisation.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:write`; `orgRole`
   * (a manager sees the organisation's aggregates and runs its surveys) only by a person, never an
   * API client (403). Fields sent as null are cleared; a department must be one of the
   * organisation's when it keeps a list (422). Only the membership changes, never the person's own
   * account, and repeating a change changes nothing.
   */
  @Patch(':employeeId')
  @ApiConflictResponse({
    description: 'The externalId is another member’s, or a concurrent change won; send it again.',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The department is not one of the organisation’s.',
  })
  @AllowClients('employees:write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('employeeId', ParseUUIDPipe) employeeId: string,
    @Body() body: UpdateEmployeeDto,
  ): Promise<EmployeeDto> {
    return this.employees.change(principal, orgId, employeeId, body);
  }

  /**
   * Ends a person's membership.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `employees:write`. The
   * sessions the person began through the organisation's SSO end; their account, other sessions and
   * own data (moods, journals) stay theirs, and the member stays listed with `active: false`.
   * Ending an ended membership again changes nothing.
   */
  @Delete(':employeeId')
  @AllowClients('employees:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('employeeId', ParseUUIDPipe) employeeId: string,
  ): Promise<void> {
    return this.employees.end(principal, orgId, employeeId);
  }
}
