import { connect } from 'node:net';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
const ALLOWED_ORIGIN = 'https://app.example.com';

interface RawExchange {
  /** Everything the server wrote before it closed the connection. */
  received: string;
  /** Whether the server closed the connection before `waitMs` ran out. */
  closedByServer: boolean;
}

/**
 * Sends `head` (and optionally keeps sending `drip` every 200 ms) on a raw socket, then waits up
 * to `waitMs` for the server to close the connection.
 */
function rawRequest(
  port: number,
  head: string,
  options: { drip?: string; waitMs: number },
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let dripping: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      clearInterval(dripping);
      socket.destroy();
      resolve({ received, closedByServer: false });
    }, options.waitMs);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset is the server cutting the connection too.
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      clearTimeout(giveUp);
      clearInterval(dripping);
      resolve({ received, closedByServer: true });
    });
    socket.on('connect', () => {
      socket.write(head);
      if (options.drip) {
        dripping = setInterval(() => !socket.destroyed && socket.write(options.drip!), 200);
      }
    });
  });
}

describe('headers and transport', () => {
  let t: TestApp;
  let person: SignedIn;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);

  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173` } });
    person = await register(t.app, 'headers');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends the security headers on API answers, errors included, and no X-Powered-By', async () => {
    const me = await inject({ method: 'GET', url: '/v1/me', headers: bearer(person.accessToken) });
    const missing = await inject({ method: 'GET', url: '/v1/no-such-route' });
    expect(me.statusCode).toBe(200);
    expect(missing.statusCode).toBe(404);
    for (const response of [me, missing]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'strict-transport-security': expect.stringMatching(/max-age=\d{7,}/),
        'referrer-policy': 'no-referrer',
      });
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('answers a preflight from an allowed origin with what the API accepts and exposes', async () => {
    const preflight = await inject({
      method: 'OPTIONS',
      url: '/v1/mood',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(String(preflight.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    expect(String(preflight.headers['access-control-allow-headers']).split(/,\s*/)).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-request-id']),
    );
    expect(preflight.headers).not.toHaveProperty('access-control-allow-credentials');

    const actual = await inject({
      method: 'GET',
      url: '/v1/mood',
      headers: { origin: ALLOWED_ORIGIN, ...bearer(person.accessToken) },
    });
    expect(actual.statusCode).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(String(actual.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(
      expect.arrayContaining(['x-request-id', 'retry-after', 'location', 'link']),
    );
  });

  it('gives another origin no CORS headers, on preflights and on answers', async () => {
    const preflight = await inject({
      method: 'OPTIONS',
      url: '/v1/mood',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
    expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
    expect(preflight.headers).not.toHaveProperty('access-control-allow-methods');
    const actual = await inject({
      method: 'GET',
      url: '/v1/mood',
      headers: { origin: 'https://evil.example', ...bearer(person.accessToken) },
    });
    expect(actual.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('marks personal answers and refusals no-store, and leaves the docs and probes cacheable', async () => {
    for (const url of ['/v1/me', '/v1/mood']) {
      const response = await inject({ method: 'GET', url, headers: bearer(person.accessToken) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const refused = await inject({ method: 'GET', url: '/v1/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.headers['cache-control']).toBe('no-store');

    for (const url of ['/health', '/openapi.json']) {
      const response = await inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).not.toBe('no-store');
    }
  });

  it('refuses a body over 1 MB with a 413 problem document and stores nothing', async () => {
    const response = await inject({
      method: 'POST',
      url: '/v1/mood',
      headers: { ...bearer(person.accessToken), 'content-type': 'application/json' },
      payload: JSON.stringify({ moodScore: 5, notes: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.json()).toMatchObject({ status: 413 });
    const list = await inject({
      method: 'GET',
      url: '/v1/mood',
      headers: bearer(person.accessToken),
    });
    expect(list.json().items).toEqual([]);
  });
});

describe('transport with the default configuration and a 1-second request time limit', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '1000' } });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('allows no cross-origin access when no origin is configured', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/mood',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
  });

  const head = (contentLength: number) =>
    'POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${contentLength}\r\n\r\n{"email":`;

  it('cuts off a client that sends its headers and then stalls its body', async () => {
    const exchange = await rawRequest(port, head(200), { waitMs: 5000 });
    expect(exchange.closedByServer).toBe(true);
    expect(exchange.received).toMatch(/^$|^HTTP\/1\.1 408/);
  });

  it('cuts off a client that dribbles its body a byte at a time', async () => {
    const exchange = await rawRequest(port, head(10_000), { drip: ' ', waitMs: 5000 });
    expect(exchange.closedByServer).toBe(true);
    expect(exchange.received).toMatch(/^$|^HTTP\/1\.1 408/);
  });

  it('keeps serving others meanwhile', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(200);
  });
});
