import { PrismaService } from '../src/database/prisma.service.js';
import { hrClientToken } from './factories/clients.js';
import { ssoSession, verifiedDomain } from './factories/orgs.js';
import { bearer, register, type SignedIn, uniqueEmail } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SCIM = '/scim/v2';
const SCIM_JSON = 'application/scim+json';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('SCIM 2.0 Users', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let orgAdmin: SignedIn;
  let orgId: string;
  let token: string;
  let readerToken: string;
  let foreignToken: string;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);

  const scim = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    as = token,
  ) =>
    inject({
      method,
      url: `${SCIM}${path}`,
      headers: {
        ...bearer(as),
        ...(body === undefined ? {} : { 'content-type': SCIM_JSON }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  const userResource = (email: string, extra: Record<string, unknown> = {}) => ({
    schemas: [USER, ENTERPRISE],
    userName: email,
    name: { givenName: 'Ana', familyName: 'Lima' },
    active: true,
    title: 'Engineer',
    [ENTERPRISE]: { department: 'Ops' },
    ...extra,
  });

  const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

  const expectScimError = (
    response: Awaited<ReturnType<typeof inject>>,
    status: number,
    scimType?: string,
  ) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(response.json()).toEqual({
      schemas: [ERROR],
      status: String(status),
      detail: expect.any(String),
      ...(scimType ? { scimType } : {}),
    });
  };

  const clientToken = (org: string, admin: string, scopes: string[]) =>
    hrClientToken(t.app, org, admin, scopes);

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    orgAdmin = await register(t.app, 'orgadmin');
    const otherAdmin = await register(t.app, 'otheradmin');
    orgId = (
      await prisma.organization.create({
        data: {
          name: 'Acme',
          adminUserId: orgAdmin.user.id,
          settings: { minGroupSize: 5, departments: ['Ops', 'Sales'] },
        },
      })
    ).id;
    const otherOrgId = (
      await prisma.organization.create({
        data: { name: 'Globex', adminUserId: otherAdmin.user.id },
      })
    ).id;
    await verifiedDomain(prisma, orgId, 'example.org');
    token = await clientToken(orgId, orgAdmin.accessToken, ['employees:write']);
    readerToken = await clientToken(orgId, orgAdmin.accessToken, ['employees:read']);
    foreignToken = await clientToken(otherOrgId, otherAdmin.accessToken, ['employees:write']);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('describes what it supports at ServiceProviderConfig', async () => {
    const response = await inject({ method: 'GET', url: `${SCIM}/ServiceProviderConfig` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(response.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
  });

  it('answers SCIM errors to callers without a token, without a write scope to write, or who are people', async () => {
    expectScimError(await inject({ method: 'GET', url: `${SCIM}/Users` }), 401);
    // Reading takes employees:read; changing anything takes employees:write.
    expect((await scim('GET', '/Users', undefined, readerToken)).statusCode).toBe(200);
    expectScimError(
      await scim('POST', '/Users', { schemas: [USER], userName: 'x@example.org' }, readerToken),
      403,
    );
    expectScimError(await scim('GET', '/Users', undefined, orgAdmin.accessToken), 403);
  });

  it('creates a User, finds it by id and by filter, and refuses it twice', async () => {
    const email = uniqueEmail('ana');
    const created = await scim('POST', '/Users', userResource(email, { externalId: 'okta-1' }));
    expect(created.statusCode).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    const user = created.json();
    expect(created.headers.location).toBe(`${SCIM}/Users/${user.id}`);
    expect(user).toMatchObject({
      schemas: [USER, ENTERPRISE],
      userName: email,
      externalId: 'okta-1',
      displayName: 'Ana Lima',
      active: true,
      title: 'Engineer',
      [ENTERPRISE]: { department: 'Ops' },
      meta: {
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: `${SCIM}/Users/${user.id}`,
      },
    });
    const stored = await prisma.employee.findUniqueOrThrow({
      where: { id: user.id },
      include: { user: true },
    });
    expect(stored).toMatchObject({
      orgId,
      externalId: 'okta-1',
      jobTitle: 'Engineer',
      displayName: 'Ana Lima',
    });
    // The name is the organisation's, on the membership: the person's own profile is untouched.
    expect(stored.user.displayName).toBeNull();

    const fetched = await scim('GET', `/Users/${user.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(user);

    const byUserName = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}`,
    );
    expect(byUserName.statusCode).toBe(200);
    expect(byUserName.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [user],
    });
    const byExternalId = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('externalId eq "okta-1"')}`,
    );
    expect(byExternalId.json().Resources.map((r: { id: string }) => r.id)).toEqual([user.id]);
    const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "x@y.io"')}`);
    expect(none.json()).toMatchObject({ totalResults: 0, Resources: [] });

    expectScimError(await scim('POST', '/Users', userResource(email)), 409, 'uniqueness');
    expectScimError(
      await scim('POST', '/Users', userResource(uniqueEmail('b'), { externalId: 'okta-1' })),
      409,
      'uniqueness',
    );
  });

  it('refuses malformed resources, unsupported filters and unknown ids in SCIM words', async () => {
    expectScimError(
      await scim('POST', '/Users', { userName: uniqueEmail('x') }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await scim('POST', '/Users', userResource('not-an-email')),
      400,
      'invalidValue',
    );
    const legal = uniqueEmail('legal');
    expectScimError(
      await scim('POST', '/Users', userResource(legal, { [ENTERPRISE]: { department: 'Legal' } })),
      400,
      'invalidValue',
    );
    expect(await prisma.user.count({ where: { email: legal } })).toBe(0);
    expectScimError(
      await scim('GET', `/Users?filter=${encodeURIComponent('displayName eq "Ana"')}`),
      400,
      'invalidFilter',
    );
    expectScimError(
      await scim('GET', `/Users?filter=${encodeURIComponent('userName sw "ana"')}`),
      400,
      'invalidFilter',
    );
    expectScimError(await scim('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
    expectScimError(await scim('GET', '/Users/not-an-id'), 404);
    expectScimError(await scim('PATCH', '/Users/not-an-id', patchOp()), 404);
  });

  it('pages lists with startIndex and count', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await scim('POST', '/Users', userResource(uniqueEmail('page')))).statusCode).toBe(
        201,
      );
    }
    const total = await prisma.employee.count({ where: { orgId } });
    const page = await scim('GET', '/Users?startIndex=2&count=2');
    expect(page.json()).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
    const all = await scim('GET', `/Users?count=${total}`);
    expect(page.json().Resources).toEqual(all.json().Resources.slice(1, 3));
  });

  it('replaces a User with PUT, clearing what it leaves out, but never its userName', async () => {
    const email = uniqueEmail('put');
    const user = (
      await scim('POST', '/Users', userResource(email, { externalId: 'okta-put' }))
    ).json();
    const replaced = await scim('PUT', `/Users/${user.id}`, {
      schemas: [USER],
      userName: email,
      displayName: 'Ana P. Lima',
      title: 'Lead',
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      displayName: 'Ana P. Lima',
      title: 'Lead',
      active: true,
    });
    expect(replaced.json()).not.toHaveProperty(ENTERPRISE);
    expect(replaced.json()).not.toHaveProperty('externalId');
    const stored = await prisma.employee.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ department: null, externalId: null, jobTitle: 'Lead' });

    expectScimError(
      await scim('PUT', `/Users/${user.id}`, { schemas: [USER], userName: uniqueEmail('other') }),
      400,
      'mutability',
    );
  });

  it('deprovisions with active false (membership and its SSO sessions end) and restores with active true', async () => {
    const person = await register(t.app, 'okta-person');
    const mood = await inject({
      method: 'POST',
      url: '/v1/mood',
      headers: bearer(person.accessToken),
      payload: { moodScore: 4 },
    });
    expect(mood.statusCode).toBe(201);
    const user = (await scim('POST', '/Users', userResource(person.email))).json();
    expect(user.userName).toBe(person.email);
    const throughSso = await ssoSession(prisma, orgId, person.user.id);

    const off = await scim(
      'PATCH',
      `/Users/${user.id}`,
      patchOp({ op: 'replace', value: { active: false } }),
    );
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await prisma.employee.findUniqueOrThrow({ where: { id: user.id } })).endedAt).not.toBe(
      null,
    );
    // The session begun through Acme's SSO ends; the person's own sign-in is not Acme's to end.
    expect(await prisma.refreshToken.count({ where: { token: throughSso } })).toBe(0);
    const refresh = await inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: person.refreshToken },
    });
    expect(refresh.statusCode).toBe(200);
    expect(await prisma.moodEntry.count({ where: { userId: person.user.id } })).toBe(1);
    expect((await scim('GET', `/Users/${user.id}`)).json().active).toBe(false);

    // Entra ID sends capitalised ops and booleans as strings.
    const on = await scim(
      'PATCH',
      `/Users/${user.id}`,
      patchOp({ op: 'Replace', path: 'active', value: 'True' }),
    );
    expect(on.statusCode).toBe(200);
    expect(on.json().active).toBe(true);
    expect((await prisma.employee.findUniqueOrThrow({ where: { id: user.id } })).endedAt).toBe(
      null,
    );
  });

  it('patches display name, title and department, and refuses a changed userName', async () => {
    const email = uniqueEmail('patch');
    const user = (await scim('POST', '/Users', userResource(email))).json();
    const patched = await scim(
      'PATCH',
      `/Users/${user.id}`,
      patchOp(
        { op: 'replace', path: 'displayName', value: 'Ana Maria Lima' },
        { op: 'replace', path: 'title', value: 'Director' },
        { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Sales' },
      ),
    );
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      displayName: 'Ana Maria Lima',
      title: 'Director',
      [ENTERPRISE]: { department: 'Sales' },
    });
    expect(Date.parse(patched.json().meta.lastModified)).toBeGreaterThan(
      Date.parse(user.meta.lastModified),
    );
    expectScimError(
      await scim(
        'PATCH',
        `/Users/${user.id}`,
        patchOp({ op: 'replace', path: 'userName', value: uniqueEmail('new') }),
      ),
      400,
      'mutability',
    );
    expectScimError(
      await scim(
        'PATCH',
        `/Users/${user.id}`,
        patchOp({ op: 'replace', path: `${ENTERPRISE}:department`, value: 'Legal' }),
      ),
      400,
      'invalidValue',
    );
    expectScimError(
      await scim('PATCH', `/Users/${user.id}`, { Operations: [{ op: 'replace' }] }),
      400,
      'invalidSyntax',
    );
  });

  it('deletes (deprovisions) a User: 204, membership and its SSO sessions end, the account stays', async () => {
    const person = await register(t.app, 'okta-delete');
    const user = (await scim('POST', '/Users', userResource(person.email))).json();
    const throughSso = await ssoSession(prisma, orgId, person.user.id);
    const removed = await scim('DELETE', `/Users/${user.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await prisma.employee.findUniqueOrThrow({ where: { id: user.id } })).endedAt).not.toBe(
      null,
    );
    expect(await prisma.refreshToken.count({ where: { token: throughSso } })).toBe(0);
    expect(await prisma.refreshToken.count({ where: { userId: person.user.id } })).toBe(1);
    expect(await prisma.user.count({ where: { id: person.user.id } })).toBe(1);
  });

  it('hides one organisation’s Users from another organisation’s client', async () => {
    const email = uniqueEmail('private');
    const user = (await scim('POST', '/Users', userResource(email))).json();
    expectScimError(await scim('GET', `/Users/${user.id}`, undefined, foreignToken), 404);
    expectScimError(
      await scim(
        'PATCH',
        `/Users/${user.id}`,
        patchOp({ op: 'replace', path: 'active', value: false }),
        foreignToken,
      ),
      404,
    );
    expectScimError(await scim('PUT', `/Users/${user.id}`, userResource(email), foreignToken), 404);
    expectScimError(await scim('DELETE', `/Users/${user.id}`, undefined, foreignToken), 404);
    const search = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`,
      undefined,
      foreignToken,
    );
    expect(search.json()).toMatchObject({ totalResults: 0, Resources: [] });
    const stored = await prisma.employee.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ endedAt: null, department: 'Ops' });
  });
});
