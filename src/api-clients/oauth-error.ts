import { REQUESTED_SCOPE_MAX_LENGTH } from '../auth/client-credentials.js';

/** How an invalid_scope error names the scopes asked for that the client was not given. */
export const NOT_GRANTED_PREFIX = 'Not granted to this client: ';

/** The longest error_description: NOT_GRANTED_PREFIX and the scopes of a request at most. */
export const OAUTH_ERROR_DESCRIPTION_MAX_LENGTH =
  NOT_GRANTED_PREFIX.length + REQUESTED_SCOPE_MAX_LENGTH;

/**
 * An error of the token endpoint, answered in OAuth 2.0's own format (RFC 6749 section 5.2:
 * `{ error, error_description }`), which OAuth client libraries parse, rather than as a problem
 * document like the rest of the API.
 */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error:
      'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }
}
