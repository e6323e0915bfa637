import { Injectable, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Principal } from '../auth/roles.js';
import { normaliseEmail } from '../auth/tokens.js';
import { EmployeesService } from '../orgs/employees/employees.service.js';
import { listResponse, parseScimFilter, parseScimPaging } from './scim-list.js';
import { readScimPatch } from './scim-patch.js';
import { ScimError } from './scim-schemas.js';
import { readScimUser, type ScimUser, toScimUser } from './scim-user.js';

const NOT_FOUND = 'No such User.';

/**
 * SCIM 2.0 Users (RFC 7643, 7644) over the organisation's members: a User is a membership
 * (its id is the employee id), `active` is whether it has not ended. The organisation is the
 * calling HR client's.
 */
@Injectable()
export class ScimUsersService {
  constructor(private readonly employees: EmployeesService) {}

  async create(principal: Principal, body: unknown): Promise<ScimUser> {
    const input = readScimUser(body);
    const employee = await this.employees.add(principal, orgOf(principal), input);
    return toScimUser(employee);
  }

  async get(principal: Principal, id: string): Promise<ScimUser> {
    return toScimUser(await this.employees.get(principal, orgOf(principal), existingId(id)));
  }

  async list(principal: Principal, query: Record<string, unknown>) {
    const filter = parseScimFilter(query.filter);
    const { startIndex, count } = parseScimPaging(query.startIndex, query.count);
    const { total, items } = await this.employees.search(
      principal,
      orgOf(principal),
      filter ? { [filter.attribute === 'userName' ? 'email' : 'externalId']: filter.value } : {},
      startIndex - 1,
      count,
    );
    return listResponse(total, startIndex, items.map(toScimUser));
  }

  /** PUT: the resource replaces the stored one; what it leaves out is cleared. */
  async replace(principal: Principal, id: string, body: unknown): Promise<ScimUser> {
    const orgId = orgOf(principal);
    const current = await this.employees.get(principal, orgId, existingId(id));
    const input = readScimUser(body);
    assertSameUserName(current.email, [input.email]);
    const { email: _email, ...change } = input;
    return toScimUser(await this.employees.change(principal, orgId, current.id, change));
  }

  async patch(principal: Principal, id: string, body: unknown): Promise<ScimUser> {
    const orgId = orgOf(principal);
    const current = await this.employees.get(principal, orgId, existingId(id));
    const patch = readScimPatch(body);
    assertSameUserName(current.email, patch.userNames);
    return toScimUser(await this.employees.change(principal, orgId, current.id, patch.change));
  }

  /** Deprovisions: the membership ends with the person's sessions; the row stays, inactive. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.employees.end(principal, orgOf(principal), existingId(id));
  }
}

/** SCIM is for HR systems: a person's token has no organisation to provision. */
function orgOf(principal: Principal): string {
  if (principal.kind !== 'client') {
    throw new ScimError(
      403,
      'SCIM takes an HR client token; people use /v1/orgs/{orgId}/employees.',
    );
  }
  return principal.orgId;
}

/** Ids are employee ids; anything else names no User. */
function existingId(id: string): string {
  if (!isUUID(id)) throw new NotFoundException(NOT_FOUND);
  return id;
}

/**
 * userName is the account's sign-in email, shared by every organisation the person is in and
 * by SSO: an HR system may not point it at another address.
 */
function assertSameUserName(email: string, userNames: string[]): void {
  const changed = userNames.some((userName) => normaliseEmail(userName) !== normaliseEmail(email));
  if (changed) {
    throw new ScimError(
      400,
      'userName is the person’s sign-in email and cannot change here.',
      'mutability',
    );
  }
}
