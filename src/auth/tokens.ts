import { createHash, randomBytes } from 'node:crypto';
import { base64UrlLength } from '../common/validation/text-limits.js';

const REFRESH_TOKEN_BYTES = 32;
export const REFRESH_TOKEN_LENGTH = base64UrlLength(REFRESH_TOKEN_BYTES);

/** An opaque refresh token: 256 random bits, base64url. Only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Emails compare by their normalised form: Unicode NFKC, trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
