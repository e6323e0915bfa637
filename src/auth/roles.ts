export const ROLES = ['individual', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an access token says of a person once verified. */
export interface AuthenticatedUser {
  kind: 'user';
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

/** Scopes an HR system's API client can be granted. */
export const CLIENT_SCOPES = [
  'employees:read',
  'employees:write',
  'org.wellness:read',
  'surveys:read',
  'surveys:write',
] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

/** What a client-credentials token says of an HR system once verified. */
export interface AuthenticatedClient {
  kind: 'client';
  clientId: string;
  orgId: string;
  scopes: ClientScope[];
}

export type Principal = AuthenticatedUser | AuthenticatedClient;

/** The claims of a client-credentials token. */
export interface ClientTokenClaims {
  sub: string;
  org: string;
  scope: string;
}
