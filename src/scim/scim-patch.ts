import type { EmployeeChange } from '../orgs/employees/employee-change.js';
import {
  attributeOf,
  invalid,
  isObject,
  SCIM_ENTERPRISE_USER,
  SCIM_PATCH_OP,
  SCIM_USER,
} from './scim-schemas.js';
import {
  displayNameFrom,
  type NameParts,
  readBoolean,
  readDepartment,
  readDisplayName,
  readExternalId,
  readText,
  readTitle,
  readUserName,
} from './scim-values.js';

/** What a PatchOp asks of a User. */
export interface ScimPatch {
  change: EmployeeChange;
  /** userName or email values the request states: each must be the account's own email. */
  userNames: string[];
}

const MAX_OPERATIONS = 100;
const ENTERPRISE_PREFIX = `${SCIM_ENTERPRISE_USER.toLowerCase()}:`;
const CORE_PREFIX = `${SCIM_USER.toLowerCase()}:`;

/**
 * Reads a PatchOp (RFC 7644 §3.5.2): add, replace and remove of the attributes this service
 * keeps, with a path or with an object of attributes. Attributes it does not keep are ignored,
 * as for POST and PUT.
 */
export function readScimPatch(body: unknown): ScimPatch {
  const schemas = attributeOf(body, 'schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => String(s).toLowerCase() === SCIM_PATCH_OP.toLowerCase())
  ) {
    throw invalid('invalidSyntax', `The body must be a PatchOp (schemas: ["${SCIM_PATCH_OP}"]).`);
  }
  const operations = attributeOf(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > MAX_OPERATIONS) {
    throw invalid('invalidSyntax', `Operations must hold 1 to ${MAX_OPERATIONS} operations.`);
  }
  const patch = new PatchReader();
  for (const operation of operations) patch.apply(operation);
  return patch.result();
}

class PatchReader {
  private readonly change: EmployeeChange = {};
  private readonly name: NameParts = {};
  private readonly userNames: string[] = [];

  apply(operation: unknown): void {
    const op = String(attributeOf(operation, 'op') ?? '').toLowerCase();
    if (!['add', 'replace', 'remove'].includes(op)) {
      throw invalid('invalidSyntax', 'op must be add, replace or remove.');
    }
    const path = attributeOf(operation, 'path');
    const value = op === 'remove' ? null : attributeOf(operation, 'value');
    if (path === undefined || path === null) {
      if (op === 'remove') throw invalid('noTarget', 'remove needs a path.');
      if (!isObject(value))
        throw invalid('invalidValue', 'Without a path, value must be an object.');
      for (const [key, item] of Object.entries(value)) this.set(key, item);
      return;
    }
    if (typeof path !== 'string') throw invalid('invalidPath', 'path must be a string.');
    this.set(path, value);
  }

  result(): ScimPatch {
    const fromName = displayNameFrom(this.name);
    if (this.change.displayName === undefined && fromName !== undefined) {
      this.change.displayName = fromName;
    }
    return { change: this.change, userNames: this.userNames };
  }

  /** One attribute, by its path (core URN prefix allowed), to a value (null: removed). */
  private set(rawPath: string, value: unknown): void {
    let path = rawPath.trim().toLowerCase();
    if (path.startsWith(CORE_PREFIX)) path = path.slice(CORE_PREFIX.length);
    if (path === SCIM_ENTERPRISE_USER.toLowerCase()) {
      if (value !== null && !isObject(value)) {
        throw invalid('invalidValue', `${SCIM_ENTERPRISE_USER} must be an object.`);
      }
      const department = attributeOf(value, 'department');
      if (value === null || department !== undefined)
        this.change.department = readDepartment(department);
      return;
    }
    if (path.startsWith(ENTERPRISE_PREFIX)) {
      if (path.slice(ENTERPRISE_PREFIX.length) === 'department') {
        this.change.department = readDepartment(value);
      }
      return;
    }
    if (path === 'name') {
      if (value !== null && !isObject(value))
        throw invalid('invalidValue', 'name must be an object.');
      for (const part of ['formatted', 'givenName', 'familyName'] as const) {
        this.name[part] = readText(attributeOf(value, part) ?? null, `name.${part}`, 80);
      }
      return;
    }
    if (path.startsWith('emails')) {
      this.userNames.push(...emailValues(value));
      return;
    }
    switch (path) {
      case 'active':
        if (value === null) throw invalid('mutability', 'active cannot be removed.');
        this.change.active = readBoolean(value, 'active');
        return;
      case 'username':
        this.userNames.push(readUserName(value));
        return;
      case 'displayname':
        this.change.displayName = readDisplayName(value);
        return;
      case 'title':
        this.change.jobTitle = readTitle(value);
        return;
      case 'externalid':
        this.change.externalId = readExternalId(value);
        return;
      case 'name.formatted':
      case 'name.givenname':
      case 'name.familyname': {
        const part = (
          { formatted: 'formatted', givenname: 'givenName', familyname: 'familyName' } as const
        )[path.slice('name.'.length) as 'formatted' | 'givenname' | 'familyname'];
        this.name[part] = readText(value, path, 80);
        return;
      }
      default:
      // An attribute this service does not keep: nothing to change.
    }
  }
}

/** The addresses in an `emails` value: a string (of a filtered path) or a list of {value}. */
function emailValues(value: unknown): string[] {
  if (value === null) return [];
  const items = Array.isArray(value) ? value.map((item) => attributeOf(item, 'value')) : [value];
  return items.map((item) => readUserName(item));
}
