import { isEmail } from 'class-validator';
import { normaliseEmail } from '../auth/tokens.js';
import { EMAIL_MAX_LENGTH } from '../common/validation/text-limits.js';
import { EXTERNAL_ID_PATTERN } from '../orgs/employees/dto/employee.dto.js';
import { invalid } from './scim-schemas.js';

/** The longest display name an account keeps. */
const DISPLAY_NAME_MAX = 80;

/** A SCIM boolean; some identity providers send "True"/"False" as strings. */
export function readBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return value.toLowerCase() === 'true';
  }
  throw invalid('invalidValue', `${name} must be a boolean.`);
}

/**
 * An optional text attribute: absent, null or empty clears it (identity providers send "" for
 * an attribute they hold no value for).
 */
export function readText(value: unknown, name: string, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > max) {
    throw invalid('invalidValue', `${name} must be a string of at most ${max} characters.`);
  }
  return value;
}

export function readUserName(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length > EMAIL_MAX_LENGTH ||
    normaliseEmail(value).length > EMAIL_MAX_LENGTH ||
    !isEmail(value)
  ) {
    throw invalid('invalidValue', 'userName must be the person’s email address.');
  }
  return value;
}

export function readExternalId(value: unknown): string | null {
  const externalId = readText(value, 'externalId', 200);
  if (externalId !== null && !EXTERNAL_ID_PATTERN.test(externalId)) {
    throw invalid('invalidValue', 'externalId must be printable, without outer spaces.');
  }
  return externalId;
}

export const readTitle = (value: unknown) => readText(value, 'title', 200);
export const readDepartment = (value: unknown) => readText(value, 'department', 100);
export const readDisplayName = (value: unknown) => readText(value, 'displayName', DISPLAY_NAME_MAX);

/** The parts of `name` a display name is made from (this service keeps only the whole). */
export interface NameParts {
  formatted?: string | null;
  givenName?: string | null;
  familyName?: string | null;
}

/** The display name `name` stands for: its formatted form, else given and family names. */
export function displayNameFrom(parts: NameParts): string | null | undefined {
  if (parts.formatted) return parts.formatted;
  const joined = [parts.givenName, parts.familyName].filter(Boolean).join(' ');
  if (joined) return readDisplayName(joined);
  const mentioned = Object.values(parts).some((part) => part !== undefined);
  return mentioned ? null : undefined;
}
