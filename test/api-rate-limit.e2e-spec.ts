import { PrismaService } from '../src/database/prisma.service.js';
import { hrClientToken } from './factories/clients.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LIMIT = 8;

/**
 * OWASP API4: an HR system with a valid token, or a script with a person's, cannot make
 * unbounded requests. Each person and each client has its own count; requests without a valid
 * token are counted by address.
 */
describe('the API-wide rate limit', () => {
  let t: TestApp;
  let admin: SignedIn;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        API_RATE_LIMIT_PER_PRINCIPAL: String(LIMIT),
        API_RATE_LIMIT_PER_ADDRESS: String(LIMIT),
        // Registering and signing in count by their own limits, not these.
        AUTH_RATE_LIMIT_PER_ADDRESS: '1000',
      },
    });
    admin = await register(t.app, 'limit-admin');
    const prisma = t.app.get(PrismaService);
    orgId = (
      await prisma.organization.create({ data: { name: 'Limits', adminUserId: admin.user.id } })
    ).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const read = (token: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: bearer(token) });

  it('answers 429 with Retry-After once a client has spent its minute, and counts each client apart', async () => {
    const token = await hrClientToken(t.app, orgId, admin.accessToken, ['employees:read']);
    const other = await hrClientToken(t.app, orgId, admin.accessToken, ['employees:read']);
    const url = `/v1/orgs/${orgId}/employees`;
    const first = await read(token, url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe(`"client";q=${LIMIT};w=60`);
    expect(first.headers.ratelimit).toBe(`"client";r=${LIMIT - 1};t=60`);
    for (let sent = 1; sent < LIMIT; sent += 1)
      expect((await read(token, url)).statusCode).toBe(200);
    const refused = await read(token, url);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers.ratelimit).toMatch(/^"client";r=0;t=\d+$/);
    // Another client of the same organisation, and the admin, have counts of their own.
    expect((await read(other, url)).statusCode).toBe(200);
    expect((await read(admin.accessToken, '/v1/me')).statusCode).toBe(200);
  });

  it('counts a person’s requests across routes', async () => {
    const person = await register(t.app, 'limit-person');
    const routes = ['/v1/me', '/v1/mood', '/v1/journals', '/v1/mood/stats'];
    for (let sent = 0; sent < LIMIT; sent += 1) {
      expect((await read(person.accessToken, routes[sent % routes.length])).statusCode).toBe(200);
    }
    const refused = await read(person.accessToken, '/v1/journals');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['ratelimit-policy']).toBe(`"person";q=${LIMIT};w=60`);
  });

  it('counts tokens that fail by address, so guessing is no faster than the limit', async () => {
    const statuses: number[] = [];
    for (let sent = 0; sent <= LIMIT; sent += 1) {
      statuses.push((await read(`not-a-token-${sent}`, '/v1/me')).statusCode);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses[LIMIT]).toBe(429);
  });
});
