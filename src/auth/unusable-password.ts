import { randomBytes } from 'node:crypto';
import { hashPassword } from './passwords.js';

/**
 * The password hash of an account made for someone by their organisation: argon2id of 256
 * random bits that nobody keeps, so no password matches it. A real hash rather than a marker,
 * so that a sign-in attempt costs the same time as for any account and does not tell
 * provisioned accounts apart. The person signs in through their organisation's SSO.
 */
export function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64url'));
}
