import { randomBytes } from 'node:crypto';

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
  return randomBytes(16).toString('base64url');
}

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
