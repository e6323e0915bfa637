import { PrismaService } from '../src/database/prisma.service.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { walkOneByOne } from './support/pages.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

describe('HR systems as machine clients (OAuth2 client credentials)', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let orgAdmin: SignedIn;
  let outsider: SignedIn;
  let orgA: string;
  let orgB: string;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);

  const tokenWithBasic = (
    clientId: string,
    secret: string,
    form = 'grant_type=client_credentials',
  ) =>
    inject({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      },
      payload: form,
    });

  async function createClient(scopes: string[]) {
    const response = await inject({
      method: 'POST',
      url: `/v1/orgs/${orgA}/api-clients`,
      headers: bearer(orgAdmin.accessToken),
      payload: { name: 'Workday sync', scopes },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as {
      id: string;
      clientId: string;
      clientSecret: string;
      scopes: string[];
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://api.example.test' } });
    prisma = t.app.get(PrismaService);
    const adminLogin = await platformAdmin(t.app, 'platform');
    orgAdmin = await register(t.app, 'orgadmin');
    outsider = await register(t.app, 'outsider');
    const create = async (name: string, adminUserId?: string) => {
      const response = await inject({
        method: 'POST',
        url: '/v1/orgs',
        headers: bearer(adminLogin.accessToken),
        payload: { name, adminUserId },
      });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    orgA = await create('Acme', orgAdmin.user.id);
    orgB = await create('Globex');
    await prisma.employee.create({
      data: { userId: orgAdmin.user.id, orgId: orgA, anonymizedId: 'anon-a-1', department: 'Ops' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets only the org admin create clients; the secret is shown once and stored hashed', async () => {
    const client = await createClient(['employees:read']);
    expect(client).toMatchObject({
      clientId: expect.stringMatching(/^mmc_/),
      clientSecret: expect.any(String),
      scopes: ['employees:read'],
    });
    const stored = await prisma.apiClient.findUniqueOrThrow({
      where: { clientId: client.clientId },
    });
    expect(stored.secretHash).toMatch(/^\$argon2id\$/);
    expect(stored.secretHash).not.toContain(client.clientSecret);
    const listed = await inject({
      method: 'GET',
      url: `/v1/orgs/${orgA}/api-clients`,
      headers: bearer(orgAdmin.accessToken),
    });
    expect(listed.json().items[0]).not.toHaveProperty('clientSecret');

    const foreign = await inject({
      method: 'POST',
      url: `/v1/orgs/${orgA}/api-clients`,
      headers: bearer(outsider.accessToken),
      payload: { name: 'sneaky', scopes: ['employees:read'] },
    });
    expect(foreign.statusCode).toBe(404);
    const badScope = await inject({
      method: 'POST',
      url: `/v1/orgs/${orgA}/api-clients`,
      headers: bearer(orgAdmin.accessToken),
      payload: { name: 'x', scopes: ['everything'] },
    });
    expect(badScope.statusCode).toBe(400);
  });

  it('pages the organisation’s API clients one by one, newest first', async () => {
    await createClient(['employees:read']);
    await createClient(['employees:read']);
    const pages = await walkOneByOne<{ id: string }>(
      t.app,
      `/v1/orgs/${orgA}/api-clients`,
      bearer(orgAdmin.accessToken),
    );
    const stored = await prisma.apiClient.findMany({
      where: { orgId: orgA },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(pages.every((page) => page.items.length === 1)).toBe(true);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(
      stored.map((row) => row.id),
    );
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('issues tokens by HTTP Basic or form fields, and answers RFC 6749 errors', async () => {
    const client = await createClient(['employees:read', 'surveys:read']);
    const basic = await tokenWithBasic(client.clientId, client.clientSecret);
    expect(basic.statusCode).toBe(200);
    expect(basic.headers['cache-control']).toBe('no-store');
    expect(basic.json()).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 600,
      scope: 'employees:read surveys:read',
    });

    const form = await inject({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}&scope=surveys%3Aread`,
    });
    expect(form.statusCode).toBe(200);
    expect(form.json().scope).toBe('surveys:read');
    // The same fields as JSON, as documented.
    const json = await inject({
      method: 'POST',
      url: '/v1/oauth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
    });
    expect(json.statusCode).toBe(200);

    const wrongSecret = await tokenWithBasic(client.clientId, 'not the secret');
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json()).toEqual({
      error: 'invalid_client',
      error_description: expect.any(String),
    });
    expect(wrongSecret.headers['www-authenticate']).toMatch(/^Basic/);
    const unknownClient = await tokenWithBasic('mmc_nobody', 'whatever');
    expect(unknownClient.json()).toEqual(wrongSecret.json());
    // Credentials that are not valid percent-encoding are no credentials: 401, not a crash.
    const garbled = await inject({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}`,
      },
      payload: 'grant_type=client_credentials',
    });
    expect(garbled.statusCode).toBe(401);
    expect(garbled.json().error).toBe('invalid_client');
    expect(
      (await tokenWithBasic(client.clientId, client.clientSecret, 'grant_type=password')).json()
        .error,
    ).toBe('unsupported_grant_type');
    const notGranted = await tokenWithBasic(
      client.clientId,
      client.clientSecret,
      'grant_type=client_credentials&scope=employees:write',
    );
    expect(notGranted.statusCode).toBe(400);
    expect(notGranted.json().error).toBe('invalid_scope');
  });

  it('grants a scope asked for twice once, and refuses what no client could present', async () => {
    const client = await createClient(['employees:read', 'surveys:read']);
    const repeated = await tokenWithBasic(
      client.clientId,
      client.clientSecret,
      `grant_type=client_credentials&scope=${'surveys:read+'.repeat(12)}employees:read`,
    );
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json().scope).toBe('surveys:read employees:read');
    const tooLong = await tokenWithBasic(
      client.clientId,
      client.clientSecret,
      `grant_type=client_credentials&scope=${'surveys:read+'.repeat(20)}`,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toBe('invalid_scope');
    // Longer than any id or secret given out: no client, whatever follows.
    for (const [id, secret] of [
      [`${client.clientId}x`, client.clientSecret],
      [client.clientId, `${client.clientSecret}x`],
    ]) {
      const refused = await tokenWithBasic(id, secret);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error).toBe('invalid_client');
    }
  });

  it('limits a client token to its scopes and its organisation', async () => {
    const reader = await createClient(['employees:read']);
    const readerToken = (await tokenWithBasic(reader.clientId, reader.clientSecret)).json()
      .access_token;
    const members = await inject({
      method: 'GET',
      url: `/v1/orgs/${orgA}/employees`,
      headers: bearer(readerToken),
    });
    expect(members.statusCode).toBe(200);
    expect(members.json()).toEqual({
      items: [expect.objectContaining({ anonymizedId: 'anon-a-1', department: 'Ops' })],
      nextCursor: null,
    });

    const otherOrg = await inject({
      method: 'GET',
      url: `/v1/orgs/${orgB}/employees`,
      headers: bearer(readerToken),
    });
    expect(otherOrg.statusCode).toBe(404);
    const personRoute = await inject({
      method: 'GET',
      url: '/v1/me',
      headers: bearer(readerToken),
    });
    expect(personRoute.statusCode).toBe(403);

    const surveysOnly = await createClient(['surveys:read']);
    const surveysToken = (
      await tokenWithBasic(surveysOnly.clientId, surveysOnly.clientSecret)
    ).json().access_token;
    const noScope = await inject({
      method: 'GET',
      url: `/v1/orgs/${orgA}/employees`,
      headers: bearer(surveysToken),
    });
    expect(noScope.statusCode).toBe(403);
    expect(
      (await inject({ method: 'GET', url: `/v1/orgs/${orgA}`, headers: bearer(surveysToken) }))
        .statusCode,
    ).toBe(200);

    // People see the same route only as the org's admin.
    expect(
      (
        await inject({
          method: 'GET',
          url: `/v1/orgs/${orgA}/employees`,
          headers: bearer(orgAdmin.accessToken),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await inject({
          method: 'GET',
          url: `/v1/orgs/${orgA}/employees`,
          headers: bearer(outsider.accessToken),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('stops a revoked client at once, tokens already issued included', async () => {
    const client = await createClient(['employees:read']);
    const token = (await tokenWithBasic(client.clientId, client.clientSecret)).json().access_token;
    const revoked = await inject({
      method: 'DELETE',
      url: `/v1/orgs/${orgA}/api-clients/${client.id}`,
      headers: bearer(orgAdmin.accessToken),
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (await inject({ method: 'GET', url: `/v1/orgs/${orgA}/employees`, headers: bearer(token) }))
        .statusCode,
    ).toBe(401);
    expect((await tokenWithBasic(client.clientId, client.clientSecret)).statusCode).toBe(401);
  });

  it('documents the flow as an OAuth2 client-credentials scheme', async () => {
    const document = (await inject({ method: 'GET', url: '/openapi.json' })).json();
    // Absolute, from PUBLIC_BASE_URL, as are the servers: a generated client knows where to go.
    expect(document.servers).toMatchObject([{ url: 'https://api.example.test' }]);
    expect(document.servers[0].description).toMatch(/^This deployment \(test,/);
    expect(document.components.securitySchemes['hr-client-credentials']).toMatchObject({
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://api.example.test/v1/oauth/token' } },
    });
    // Either scope is enough: one security requirement each (one listing both means both).
    expect(document.paths['/v1/orgs/{orgId}/employees'].get.security).toEqual(
      expect.arrayContaining([
        { 'hr-client-credentials': ['employees:read'] },
        { 'hr-client-credentials': ['employees:write'] },
      ]),
    );
  });
});
