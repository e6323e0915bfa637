import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

const CLIENT_SECRET = 'test-client-secret';
const REDIRECT_URI = 'https://app.example/cb';

export interface TestIdentityProvider {
  issuer: string;
  /**
   * Signs `email` in at the provider as a browser would (authorization request, the provider's
   * login and consent pages, the redirect) and redeems the code at its token endpoint: the ID
   * token the provider itself issues.
   */
  signInThroughProvider(email: string, nonce: string): Promise<string>;
  /** Signs an ID token with the provider's own signing key (the one its JWKS publishes). */
  signIdToken(
    claims: JWTPayload,
    options?: { expiresIn?: string | number; key?: CryptoKey },
  ): Promise<string>;
  /** A key the provider does not publish, for forgeries. */
  foreignKey: CryptoKey;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`) on a loopback port: discovery, JWKS, its own login
 * and consent pages, and a token endpoint. It signs with a key made here, so tests can also
 * craft tokens it would never issue (expired, tampered, for another audience).
 */
export async function startIdentityProvider(clientId: string): Promise<TestIdentityProvider> {
  const { default: Provider } = await import('oidc-provider');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const { privateKey: foreignKey } = await generateKeyPair('RS256');
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: 'test-signing-key',
    alg: 'RS256',
    use: 'sig',
  };

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    jwks: { keys: [jwk] },
    clients: [{ client_id: clientId, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Any login name is an account whose email is that name: enough for a test provider.
    findAccount: (_context: unknown, accountId: string) => ({
      accountId,
      claims: () => ({
        sub: accountId,
        email: accountId,
        email_verified: true,
        name: 'Jo Employee',
      }),
    }),
    cookies: { keys: ['test-cookie-signing-key'] },
    // Put the email in the ID token itself, as Google and Entra ID do.
    conformIdTokenClaims: false,
  });
  server.on('request', provider.callback());

  return {
    issuer,
    foreignKey,
    signInThroughProvider: (email, nonce) => authorizationCodeFlow(issuer, clientId, email, nonce),
    signIdToken: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-signing-key' })
        .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : undefined)
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(options.key ?? privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookie jar and redirects, by hand: just what the provider's pages need. */
async function authorizationCodeFlow(
  issuer: string,
  clientId: string,
  email: string,
  nonce: string,
) {
  const cookies = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, issuer), {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      cookies.set(name, value);
    }
    return response;
  };
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: REDIRECT_URI,
    nonce,
    state: 'state-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  let location = (await go(`/auth?${query}`)).headers.get('location') ?? '';
  // Login, then consent: each interaction page is answered, then the flow resumes.
  for (let step = 0; step < 6 && !location.startsWith(REDIRECT_URI); step++) {
    if (location.includes('/interaction/')) {
      const page = await (await go(location)).text();
      const prompt: Record<string, string> = page.includes('name="login"')
        ? { prompt: 'login', login: email, password: 'any' }
        : { prompt: 'consent' };
      location = (await go(location, form(prompt))).headers.get('location') ?? '';
    } else {
      location = (await go(location)).headers.get('location') ?? '';
    }
  }
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`the provider did not redirect back with a code (at ${location})`);
  const token = await go('/token', {
    ...form({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${CLIENT_SECRET}`).toString('base64')}`,
    },
  });
  const body = (await token.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`no id_token from the provider: ${JSON.stringify(body)}`);
  return body.id_token;
}
