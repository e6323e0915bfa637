import { decodeJwt } from 'jose';
import { clientCredentialsOf } from '../client-credentials.js';
import { normaliseEmail, sha256Hex } from '../tokens.js';

export interface TrackedRequest {
  ip?: string;
  user?: { userId?: string };
  headers?: { authorization?: string };
  body?: { email?: unknown; refreshToken?: unknown; client_id?: unknown; idToken?: unknown };
}

/** The client's address, as the socket reports it (no proxy headers are trusted). */
export function addressTracker(request: TrackedRequest): string {
  return request.ip ?? 'unknown';
}

/**
 * The account an attempt is about: the signed-in user, else the email being tried, else the
 * session behind a refresh token, else the API client. Hashed, so no email sits in Redis in the clear.
 */
export function accountTracker(request: TrackedRequest): string {
  const { user, body } = request;
  if (user?.userId) return `user:${user.userId}`;
  if (typeof body?.email === 'string') return `email:${sha256Hex(normaliseEmail(body.email))}`;
  if (typeof body?.refreshToken === 'string') return `refresh:${sha256Hex(body.refreshToken)}`;
  if (typeof body?.client_id === 'string') return `client:${sha256Hex(body.client_id)}`;
  return `address:${request.ip ?? 'unknown'}`;
}

/**
 * The identity a federated sign-in is about: the ID token's issuer and subject (as claimed: the
 * count comes before verification), or the API client asking for a token. Hashed like the rest.
 */
export function federatedIdentityTracker(request: TrackedRequest): string {
  const { body, headers } = request;
  if (typeof body?.idToken === 'string') {
    try {
      const { iss, sub } = decodeJwt(body.idToken);
      return `sso:${sha256Hex(`${String(iss)}\n${String(sub)}`)}`;
    } catch {
      return `address:${request.ip ?? 'unknown'}`;
    }
  }
  const credentials = clientCredentialsOf(
    headers?.authorization,
    (body ?? {}) as Record<string, unknown>,
  );
  if (credentials) return `client:${sha256Hex(credentials.clientId)}`;
  return accountTracker(request);
}
