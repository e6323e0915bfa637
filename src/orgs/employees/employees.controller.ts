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
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AllowClients } from '../../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal } from '../../auth/guards/current-user.decorator.js';
import type { Principal } from '../../auth/roles.js';
import { BulkRejectedFilter } from './bulk-rejected.filter.js';
import { BulkUpsertEmployeesDto, BulkUpsertResultDto } from './dto/bulk-employees.dto.js';
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
@Controller('orgs/:orgId/employees')
export class EmployeesController {
  constructor(
    private readonly employees: EmployeesService,
    private readonly bulk: EmployeeBulkService,
  ) {}

  /**
   * The organisation's members, newest first, for its admin and HR clients with an employees
   * scope: a page `{ items, nextCursor }`, the next page also named by the `Link` header.
   */
  @Get()
  @AllowClients('employees:read', 'employees:write')
  @ApiOkResponse({
    type: EmployeePageDto,
    headers: { Link: { description: 'rel="next": the next page', schema: { type: 'string' } } },
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: EmployeeQueryDto,
  ): Promise<EmployeePageDto> {
    return this.employees.list(principal, orgId, query);
  }

  /** Adds a person by email; a person whose membership had ended becomes a member again. */
  @Post()
  @AllowClients('employees:write')
  add(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: AddEmployeeDto,
  ): Promise<EmployeeDto> {
    return this.employees.add(principal, orgId, body);
  }

  /**
   * Applies an HR system's roster (up to 10,000 rows) in one transaction, keyed by externalId,
   * else email. An upsert, not a replace: people the roster leaves out are untouched; a leaver
   * is a row with `active: false`. The same roster again changes nothing and answers every row
   * `unchanged`. If any row is refused, nothing is applied: 422 with the refused rows only.
   */
  @Put()
  @AllowClients('employees:write')
  @RouteConfig({ bodyLimit: BULK_BODY_LIMIT_BYTES })
  @UseFilters(BulkRejectedFilter)
  @ApiUnprocessableEntityResponse({
    description: 'Rows refused (results[] with status error); nothing was applied.',
  })
  @ApiPayloadTooLargeResponse({ description: 'More than 10,000 rows.' })
  upsert(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: BulkUpsertEmployeesDto,
  ): Promise<BulkUpsertResultDto> {
    return this.bulk.upsert(principal, orgId, body.employees);
  }

  /** One member, by the id the organisation's lists and provisioning answered. */
  @Get(':employeeId')
  @AllowClients('employees:read', 'employees:write')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('employeeId', ParseUUIDPipe) employeeId: string,
  ): Promise<EmployeeDto> {
    return this.employees.get(principal, orgId, employeeId);
  }

  @Patch(':employeeId')
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
   * Ends the membership and the person's sessions. Their account and their own data (moods,
   * journals) stay theirs; the row stays, inactive.
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
