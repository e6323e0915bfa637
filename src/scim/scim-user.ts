import type { EmployeeDto } from '../orgs/employees/dto/employee.dto.js';
import {
  attributeOf,
  invalid,
  isObject,
  SCIM_BASE_PATH,
  SCIM_ENTERPRISE_USER,
  SCIM_USER,
} from './scim-schemas.js';
import {
  displayNameFrom,
  readBoolean,
  readDepartment,
  readDisplayName,
  readExternalId,
  readText,
  readTitle,
  readUserName,
} from './scim-values.js';

/** A SCIM User resource (RFC 7643 §4.1) as this service answers it. */
export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  displayName?: string;
  name?: { formatted: string };
  emails: Array<{ value: string; type: 'work'; primary: true }>;
  active: boolean;
  title?: string;
  [SCIM_ENTERPRISE_USER]?: { department: string };
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string };
}

/** What a User resource in a POST or PUT asks for. */
export interface ScimUserInput {
  email: string;
  externalId: string | null;
  /** undefined: the resource names no display name; the account's stays. */
  displayName?: string | null;
  /** undefined: the resource does not say; a new member starts active. */
  active?: boolean;
  jobTitle: string | null;
  department: string | null;
}

export const userLocation = (id: string) => `${SCIM_BASE_PATH}/Users/${id}`;

export function toScimUser(employee: EmployeeDto): ScimUser {
  return {
    schemas: employee.department ? [SCIM_USER, SCIM_ENTERPRISE_USER] : [SCIM_USER],
    id: employee.id,
    ...(employee.externalId ? { externalId: employee.externalId } : {}),
    userName: employee.email,
    ...(employee.displayName
      ? { displayName: employee.displayName, name: { formatted: employee.displayName } }
      : {}),
    emails: [{ value: employee.email, type: 'work', primary: true }],
    active: employee.active,
    ...(employee.jobTitle ? { title: employee.jobTitle } : {}),
    ...(employee.department ? { [SCIM_ENTERPRISE_USER]: { department: employee.department } } : {}),
    meta: {
      resourceType: 'User',
      created: employee.createdAt.toISOString(),
      lastModified: employee.updatedAt.toISOString(),
      location: userLocation(employee.id),
    },
  };
}

/**
 * Reads a User resource sent to create or replace one. Attributes this service does not keep
 * (phone numbers, addresses, locale...) are ignored, as identity providers send whatever they
 * map; those it keeps are checked.
 */
export function readScimUser(body: unknown): ScimUserInput {
  if (!isObject(body)) throw invalid('invalidSyntax', 'The body must be a SCIM User resource.');
  const schemas = attributeOf(body, 'schemas');
  const declared = Array.isArray(schemas)
    ? schemas.map((schema) => String(schema).toLowerCase())
    : [];
  if (!declared.includes(SCIM_USER.toLowerCase())) {
    throw invalid('invalidSyntax', `schemas must include ${SCIM_USER}.`);
  }
  const name = attributeOf(body, 'name');
  if (name !== undefined && name !== null && !isObject(name)) {
    throw invalid('invalidValue', 'name must be an object.');
  }
  const displayName =
    attributeOf(body, 'displayName') !== undefined
      ? readDisplayName(attributeOf(body, 'displayName'))
      : displayNameFrom({
          formatted: optional(attributeOf(name, 'formatted'), 'name.formatted'),
          givenName: optional(attributeOf(name, 'givenName'), 'name.givenName'),
          familyName: optional(attributeOf(name, 'familyName'), 'name.familyName'),
        });
  const active = attributeOf(body, 'active');
  const enterprise = attributeOf(body, SCIM_ENTERPRISE_USER);
  if (enterprise !== undefined && enterprise !== null && !isObject(enterprise)) {
    throw invalid('invalidValue', `${SCIM_ENTERPRISE_USER} must be an object.`);
  }
  return {
    email: readUserName(attributeOf(body, 'userName')),
    externalId: readExternalId(attributeOf(body, 'externalId')),
    ...(displayName !== undefined ? { displayName } : {}),
    ...(active !== undefined && active !== null ? { active: readBoolean(active, 'active') } : {}),
    jobTitle: readTitle(attributeOf(body, 'title')),
    department: readDepartment(attributeOf(enterprise, 'department')),
  };
}

function optional(value: unknown, name: string): string | null | undefined {
  return value === undefined ? undefined : readText(value, name, 80);
}
