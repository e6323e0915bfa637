export const ROLES = ['individual', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an access token says of its bearer once verified. */
export interface AuthenticatedUser {
  userId: string;
  role: Role;
  /** The session (refresh token family) the access token was issued in. */
  sessionId: string;
}

/** The claims this service puts in its access tokens. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** Session (refresh token family) the token was issued in. */
  sid: string;
}
