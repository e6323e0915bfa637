import { base64UrlLength } from '../common/validation/text-limits.js';
import { CLIENT_SCOPES } from './roles.js';

export const CLIENT_ID_PREFIX = 'mmc_';
export const CLIENT_ID_BYTES = 12;
export const CLIENT_SECRET_BYTES = 32;
/** Every client id given out: the prefix and 96 random bits, `mmc_` and 16 base64url characters. */
export const CLIENT_ID_LENGTH = CLIENT_ID_PREFIX.length + base64UrlLength(CLIENT_ID_BYTES);
/** Every client secret given out: 256 random bits, 43 base64url characters. */
export const CLIENT_SECRET_LENGTH = base64UrlLength(CLIENT_SECRET_BYTES);
/** The longest granted scope: every scope once, space-separated (75 characters). */
export const GRANTED_SCOPE_MAX_LENGTH = CLIENT_SCOPES.join(' ').length;
/** The longest `scope` a token request may ask for: every scope with room to repeat some. */
export const REQUESTED_SCOPE_MAX_LENGTH = 200;

/**
 * Client credentials from HTTP Basic (preferred by RFC 6749) or from the form; null when there
 * are none, or when they are longer than any this service gives out (which no client has).
 */
export function clientCredentialsOf(
  authorization: string | undefined,
  form: Record<string, unknown>,
): { clientId: string; clientSecret: string } | null {
  const credentials = presentedCredentials(authorization, form);
  return credentials &&
    credentials.clientId.length <= CLIENT_ID_LENGTH &&
    credentials.clientSecret.length <= CLIENT_SECRET_LENGTH
    ? credentials
    : null;
}

function presentedCredentials(
  authorization: string | undefined,
  form: Record<string, unknown>,
): { clientId: string; clientSecret: string } | null {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    try {
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    } catch {
      // Not valid percent-encoding (RFC 6749 2.3.1): not credentials, so invalid_client.
      return null;
    }
  }
  const { client_id: clientId, client_secret: clientSecret } = form;
  return typeof clientId === 'string' && typeof clientSecret === 'string'
    ? { clientId, clientSecret }
    : null;
}
