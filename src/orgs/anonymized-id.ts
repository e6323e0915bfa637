import { randomBytes } from 'node:crypto';
import { base64UrlLength } from '../common/validation/text-limits.js';

const ANONYMIZED_ID_BYTES = 16;
export const ANONYMIZED_ID_LENGTH = base64UrlLength(ANONYMIZED_ID_BYTES);

/** A random anonymized id: 128 bits, nothing derived from the person. */
export function newAnonymizedId(): string {
  return randomBytes(ANONYMIZED_ID_BYTES).toString('base64url');
}
