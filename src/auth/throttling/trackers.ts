import { normaliseEmail, sha256Hex } from '../tokens.js';

export interface TrackedRequest {
  ip?: string;
  user?: { userId?: string };
  body?: { email?: unknown; refreshToken?: unknown; client_id?: unknown };
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
