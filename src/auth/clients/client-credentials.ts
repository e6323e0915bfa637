/** Client credentials from HTTP Basic (preferred by RFC 6749) or from the form. */
export function clientCredentialsOf(
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
