import type { NoPayload } from './job-catalogue.js';

/**
 * Small readers for the `parse` of job declarations: payloads come back from the database and
 * Redis as JSON, where no type holds. Each throws with a message naming what is wrong.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

/** `data` as an object of fields: a payload is never an array, a string or null. */
export function fieldsOf(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('the payload is not an object');
  }
  return data as Record<string, unknown>;
}

/** Field `field` of `data`, which must be a UUID. */
export function uuidField(data: unknown, field: string): string {
  const value = fieldsOf(data)[field];
  if (!isUuid(value)) throw new Error(`${field} must be a UUID`);
  return value;
}

/** The payload of a job that carries none: whatever a schedule stored with it is dropped. */
export function noPayload(): NoPayload {
  return {};
}
