import type { JWTPayload } from 'jose';

/** An identity provider as the exchange chooses among them. */
export interface ProviderCandidate {
  id: string;
  orgId: string;
  clientId: string;
  tenantClaim: string | null;
  tenantId: string | null;
}

/** Whether the email address belongs to one of the allowed domains (exactly, not subdomains). */
export function emailDomainAllowed(email: string, allowed: string[]): boolean {
  const domain = email.split('@').at(-1) ?? '';
  return allowed.some((entry) => domain === entry);
}

/** Whether an issuer URL is acceptable: https, or http on loopback outside production. */
export function issuerAllowed(issuer: string, production: boolean): boolean {
  const url = new URL(issuer);
  if (url.protocol === 'https:') return true;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback && !production;
}

/**
 * Which organisation's provider a verified ID token belongs to, among those registered for its
 * issuer: the one whose tenant the token names, else the issuer's single provider without a
 * tenant. Its client id must be among the token's audiences. Null when none (or, which
 * registration prevents, more than one) fits.
 */
export function pickProvider<T extends ProviderCandidate>(
  candidates: T[],
  claims: JWTPayload,
): T | null {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const addressed = candidates.filter((candidate) => audiences.includes(candidate.clientId));
  const tenanted = addressed.filter(
    (candidate) =>
      candidate.tenantClaim !== null &&
      typeof claims[candidate.tenantClaim] === 'string' &&
      claims[candidate.tenantClaim] === candidate.tenantId,
  );
  if (tenanted.length === 1) return tenanted[0];
  if (tenanted.length > 1) return null;
  const untenanted = addressed.filter((candidate) => candidate.tenantClaim === null);
  return untenanted.length === 1 ? untenanted[0] : null;
}

/**
 * Why a provider for this issuer and tenant cannot be registered beside those the issuer has,
 * or null. An issuer has at most one provider without a tenant, and its tenants all use one
 * claim (so a token names at most one of them). Nobody can lock others out of a shared issuer:
 * they register with their tenant.
 */
export function issuerSharingRefusal(
  existing: Array<Pick<ProviderCandidate, 'tenantClaim' | 'tenantId'>>,
  wanted: Pick<ProviderCandidate, 'tenantClaim' | 'tenantId'>,
): string | null {
  if (wanted.tenantClaim === null) {
    return existing.some((provider) => provider.tenantClaim === null)
      ? 'This issuer is already registered without a tenant; register it with tenantClaim and tenantId.'
      : null;
  }
  const otherClaim = existing.find(
    (provider) => provider.tenantClaim !== null && provider.tenantClaim !== wanted.tenantClaim,
  );
  if (otherClaim) {
    return `This issuer's tenants are told apart by the "${otherClaim.tenantClaim}" claim.`;
  }
  return existing.some((provider) => provider.tenantId === wanted.tenantId)
    ? 'This issuer and tenant are already registered.'
    : null;
}
