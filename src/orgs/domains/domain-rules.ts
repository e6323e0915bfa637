import { randomBytes } from 'node:crypto';
import { base64UrlLength } from '../../common/validation/text-limits.js';

/** The longest domain name (RFC 1035: 255 octets on the wire, 253 characters written). */
export const DOMAIN_MAX_LENGTH = 253;
const CHALLENGE_TOKEN_BYTES = 16;

/** Where an organisation publishes its proof: a TXT record at this name under the domain. */
export const CHALLENGE_LABEL = '_mindfulme-challenge';

/** The TXT value's prefix, so the record says what it is for beside others at the name. */
export const CHALLENGE_PREFIX = 'mindfulme-domain-verification=';

/** A domain as stored and compared: lower case, no trailing dot. */
export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/** The domain of an email address, as stored (exact: a subdomain is another domain). */
export function emailDomainOf(email: string): string {
  return normaliseDomain(email.split('@').at(-1) ?? '');
}

/** 128 random bits: nobody can publish the right value without being told it. */
export function newChallengeToken(): string {
  return randomBytes(CHALLENGE_TOKEN_BYTES).toString('base64url');
}

/** Every record value asked for: the prefix and a token. */
export const CHALLENGE_VALUE_LENGTH =
  CHALLENGE_PREFIX.length + base64UrlLength(CHALLENGE_TOKEN_BYTES);
/** The longest record name: the label before the longest domain. */
export const CHALLENGE_NAME_MAX_LENGTH = CHALLENGE_LABEL.length + 1 + DOMAIN_MAX_LENGTH;

export function challengeRecordName(domain: string): string {
  return `${CHALLENGE_LABEL}.${domain}`;
}

export function challengeRecordValue(token: string): string {
  return `${CHALLENGE_PREFIX}${token}`;
}

/** Whether the published TXT values carry this organisation's token. */
export function challengeMet(published: string[], token: string): boolean {
  const expected = challengeRecordValue(token);
  return published.some((value) => value.trim() === expected);
}
