import type { OpenAPIObject } from '@nestjs/swagger';
import {
  DATE_LENGTH,
  DATE_TIME_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  UUID_LENGTH,
} from '../common/validation/text-limits.js';

/** The longest text each format can be, wherever the document uses it. */
export const FORMAT_MAX_LENGTHS: Readonly<Record<string, number>> = {
  uuid: UUID_LENGTH,
  'date-time': DATE_TIME_MAX_LENGTH,
  date: DATE_LENGTH,
  email: EMAIL_MAX_LENGTH,
};

/** Keys whose values are sample data, not schemas: never rewritten. */
const EXAMPLE_KEYS = new Set(['example', 'examples']);

/**
 * Gives every string schema of a format above its length, unless it declares its own, so that
 * generated clients and the OWASP string-limit rule see the bound the format already implies.
 * Changes the document in place and returns it.
 */
export function withFormatLimits<T extends OpenAPIObject>(document: T): T {
  visit(document);
  return document;
}

function visit(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  const limit = typeof schema.format === 'string' ? FORMAT_MAX_LENGTHS[schema.format] : undefined;
  if (schema.type === 'string' && limit !== undefined && schema.maxLength === undefined) {
    schema.maxLength = limit;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (!EXAMPLE_KEYS.has(key)) visit(value);
  }
}
