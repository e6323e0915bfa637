import { randomUUID } from 'node:crypto';
import { PrismaService } from '../src/database/prisma.service.js';
import { hrClientToken } from './factories/clients.js';
import { uniqueDomain, verifiedDomain } from './factories/orgs.js';
import { bearer, register, type SignedIn, uniqueEmail } from './support/auth-helpers.js';
import { startDnsServer, type TestDnsServer } from './support/dns-server.js';
import { startIdentityProvider, type TestIdentityProvider } from './support/oidc-provider.js';
import { walkOneByOne } from './support/pages.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/**
 * The organisation as the adversary: its admin, its HR client and its identity provider try to
 * reach people who are not its own. Each attack answered 2xx before the trust boundary; each
 * must now be refused and change nothing.
 */
describe('an organisation reaches only the people who belong to it', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let dns: TestDnsServer;
  let idp: TestIdentityProvider;
  let root: SignedIn;
  let rootToken: string;
  /** X: the victims' organisation. Y: the curious one. */
  let orgX: string;
  let orgY: string;
  let adminX: SignedIn;
  let adminY: SignedIn;
  let domainX: string;
  let domainY: string;
  let hrY: string;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const as = (token: string, method: string, url: string, payload?: object) =>
    inject({
      method: method as 'GET',
      url,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    });
  const login = async (person: SignedIn) =>
    (
      await inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: person.email, password: person.password },
      })
    ).json() as { accessToken: string; refreshToken: string };
  const membershipsIn = (orgId: string, userId: string) =>
    prisma.employee.count({ where: { orgId, userId } });
  const expectProblem = (response: Awaited<ReturnType<typeof inject>>, status: number) => {
    expect({ status: response.statusCode, body: response.json() }).toEqual({
      status,
      body: expect.objectContaining({ status, detail: expect.any(String) }),
    });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  };
  /** Everything of a person an organisation could have touched. */
  const footprint = async (userId: string) => ({
    user: await prisma.user.findUniqueOrThrow({ where: { id: userId } }),
    sessions: (await prisma.refreshToken.findMany({ where: { userId } }))
      .map((row) => row.token)
      .sort(),
    memberships: await prisma.employee.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
  });

  beforeAll(async () => {
    dns = await startDnsServer();
    idp = await startIdentityProvider('mindfulme-at-y');
    t = await startTestApp({ env: { DNS_RESOLVERS: dns.address } });
    prisma = t.app.get(PrismaService);
    root = await platformAdmin(t.app, 'root', 'platform-operator.test');
    rootToken = (await login(root)).accessToken;
    adminX = await register(t.app, 'admin-x');
    adminY = await register(t.app, 'admin-y');
    orgX = (await prisma.organization.create({ data: { name: 'X', adminUserId: adminX.user.id } }))
      .id;
    orgY = (await prisma.organization.create({ data: { name: 'Y', adminUserId: adminY.user.id } }))
      .id;
    domainX = await verifiedDomain(prisma, orgX);
    domainY = await verifiedDomain(prisma, orgY);
    hrY = await hrClientToken(t.app, orgY, adminY.accessToken, ['employees:write']);
  });

  afterAll(async () => {
    await t?.close();
    await idp?.close();
    await dns?.close();
  });

  describe('verified domains', () => {
    it('names in a path any domain it accepts in a claim, up to DNS’s 253 characters', async () => {
      // Four labels of 50 characters and the test's own: about 240 characters in all.
      const domain = `${['a', 'b', 'c', 'd'].map((c) => c.repeat(50)).join('.')}.${uniqueDomain('long')}`;
      expect(domain.length).toBeGreaterThan(200);
      const claimed = await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/domains`, { domain });
      expect(claimed.statusCode).toBe(201);
      dns.txt.set(claimed.json().txtRecordName, [claimed.json().txtRecordValue]);
      const verified = await as(
        adminY.accessToken,
        'POST',
        `/v1/orgs/${orgY}/domains/${domain}/verify`,
      );
      expect(verified.statusCode).toBe(200);
      const removed = await as(rootToken, 'DELETE', `/v1/orgs/${orgY}/domains/${domain}`);
      expect(removed.statusCode).toBe(204);
    });

    it('verifies a domain by the TXT record the organisation publishes, for one organisation only', async () => {
      const domain = uniqueDomain('corp');
      const claimed = await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/domains`, {
        domain: `${domain.toUpperCase()}.`,
      });
      expect(claimed.statusCode).toBe(201);
      const claim = claimed.json();
      expect(claim).toMatchObject({
        domain,
        status: 'pending',
        txtRecordName: `_mindfulme-challenge.${domain}`,
        txtRecordValue: expect.stringMatching(/^mindfulme-domain-verification=[\w-]{22}$/),
        verifiedAt: null,
      });
      const verify = (orgId: string, token: string) =>
        as(token, 'POST', `/v1/orgs/${orgId}/domains/${domain}/verify`);

      // Nothing published yet: refused, still pending.
      expectProblem(await verify(orgY, adminY.accessToken), 422);
      dns.txt.set(claim.txtRecordName, ['v=spf1 -all', 'mindfulme-domain-verification=guess']);
      expectProblem(await verify(orgY, adminY.accessToken), 422);
      dns.txt.set(claim.txtRecordName, ['v=spf1 -all', claim.txtRecordValue]);
      const verified = await verify(orgY, adminY.accessToken);
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ domain, status: 'verified' });

      // X claims it too and even publishes its own token beside Y's: Y holds it, X gets 409.
      const rival = (
        await as(adminX.accessToken, 'POST', `/v1/orgs/${orgX}/domains`, { domain })
      ).json();
      expect(rival.txtRecordValue).not.toBe(claim.txtRecordValue);
      dns.txt.set(claim.txtRecordName, [claim.txtRecordValue, rival.txtRecordValue]);
      expectProblem(await verify(orgX, adminX.accessToken), 409);
      expect(await prisma.orgDomain.count({ where: { domain, verifiedAt: { not: null } } })).toBe(
        1,
      );

      // A platform admin revokes Y's verification; then X can prove it.
      expect((await as(rootToken, 'DELETE', `/v1/orgs/${orgY}/domains/${domain}`)).statusCode).toBe(
        204,
      );
      expect((await verify(orgX, adminX.accessToken)).json()).toMatchObject({
        status: 'verified',
      });
    });

    it('answers DNS failures as 503 and keeps domains away from HR clients and strangers', async () => {
      const domain = uniqueDomain('flaky');
      await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/domains`, { domain });
      const hr = await as(hrY, 'POST', `/v1/orgs/${orgY}/domains`, { domain: uniqueDomain() });
      expect(hr.statusCode).toBe(403);
      const stranger = await as(adminX.accessToken, 'GET', `/v1/orgs/${orgY}/domains`);
      expect(stranger.statusCode).toBe(404);
      for (const bad of ['localhost', 'no_underscores.test', '-x.test', 'a'.repeat(254), 42]) {
        const response = await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/domains`, {
          domain: bad,
        });
        expect({ bad, status: response.statusCode }).toEqual({ bad, status: 400 });
      }
      dns.failing.add(`_mindfulme-challenge.${domain}`);
      const response = await as(
        adminY.accessToken,
        'POST',
        `/v1/orgs/${orgY}/domains/${domain}/verify`,
      );
      expectProblem(response, 503);
    });
  });

  describe('attacks on people who are not the organisation’s', () => {
    it('cannot sign in as the platform admin through an identity provider it runs', async () => {
      // The domain is not Y's: registering a provider for it is refused outright.
      const ownProvider = await as(
        adminY.accessToken,
        'POST',
        `/v1/orgs/${orgY}/identity-providers`,
        {
          issuer: idp.issuer,
          clientId: 'mindfulme-at-y',
          emailDomains: ['platform-operator.test'],
        },
      );
      expectProblem(ownProvider, 422);
      expect(await prisma.identityProvider.count({ where: { orgId: orgY } })).toBe(0);

      // Even had Y proved the domain, a platform admin's account is never signed in by an org.
      await verifiedDomain(prisma, orgY, 'platform-operator.test');
      const registered = await as(
        adminY.accessToken,
        'POST',
        `/v1/orgs/${orgY}/identity-providers`,
        {
          issuer: idp.issuer,
          clientId: 'mindfulme-at-y',
          emailDomains: ['platform-operator.test'],
        },
      );
      expect(registered.statusCode).toBe(201);
      const before = await footprint(root.user.id);
      const nonce = randomUUID();
      const idToken = await idp.signIdToken({
        iss: idp.issuer,
        aud: 'mindfulme-at-y',
        sub: 'y-controls-this',
        email: root.email,
        email_verified: true,
        nonce,
      });
      const exchange = await inject({
        method: 'POST',
        url: '/v1/auth/sso/exchange',
        payload: { idToken, nonce },
      });
      expectProblem(exchange, 403);
      expect(exchange.json()).not.toHaveProperty('accessToken');
      expect(await footprint(root.user.id)).toEqual(before);
      await prisma.orgDomain.deleteMany({
        where: { orgId: orgY, domain: 'platform-operator.test' },
      });
      await prisma.identityProvider.deleteMany({ where: { orgId: orgY } });
    });

    it('cannot add a member of another organisation, nor end her sessions anywhere', async () => {
      const alice = await register(t.app, 'alice', domainX);
      expect(
        (await as(adminX.accessToken, 'POST', `/v1/orgs/${orgX}/employees`, { email: alice.email }))
          .statusCode,
      ).toBe(201);
      const before = await footprint(alice.user.id);
      const added = await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/employees`, {
        email: alice.email,
      });
      expectProblem(added, 403);
      expect(added.json().detail).toMatch(/invite/);
      expect(await footprint(alice.user.id)).toEqual(before);

      // Alice accepts Y's invitation of her own will; Y then removes her: only Y's membership
      // ends, and none of her sessions (she never signed in through Y).
      const invitation = (
        await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/invitations`, { email: alice.email })
      ).json();
      const accepted = await as(
        alice.accessToken,
        'POST',
        `/v1/me/invitations/${invitation.id}/accept`,
      );
      expect(accepted.statusCode).toBe(200);
      const { employeeId } = accepted.json();
      expect(
        (await as(adminY.accessToken, 'DELETE', `/v1/orgs/${orgY}/employees/${employeeId}`))
          .statusCode,
      ).toBe(204);
      expect((await as(alice.accessToken, 'GET', '/v1/me')).statusCode).toBe(200);
      const refreshed = await inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken: alice.refreshToken },
      });
      expect(refreshed.statusCode).toBe(200);
      expect(
        await prisma.employee.findFirstOrThrow({ where: { orgId: orgX, userId: alice.user.id } }),
      ).toMatchObject({ endedAt: null });
    });

    it('cannot rename a person through SCIM: names it writes stay on its membership', async () => {
      const bob = await register(t.app, 'bob', domainX);
      await as(bob.accessToken, 'PATCH', '/v1/me', { displayName: 'Bob, as he chose' });
      const before = await footprint(bob.user.id);
      const scim = (userName: string, displayName: string) =>
        inject({
          method: 'POST',
          url: '/scim/v2/Users',
          headers: { ...bearer(hrY), 'content-type': 'application/scim+json' },
          payload: JSON.stringify({ schemas: [SCIM_USER], userName, displayName }),
        });
      const refused = await scim(bob.email, 'Renamed by Y');
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(await footprint(bob.user.id)).toEqual(before);

      // Carol is of Y's own domain: Y provisions her, and its name for her is its own.
      const carol = await register(t.app, 'carol', domainY);
      await as(carol.accessToken, 'PATCH', '/v1/me', { displayName: 'Carol' });
      const created = await scim(carol.email, 'C. Employee (HR)');
      expect(created.statusCode).toBe(201);
      expect(created.json().displayName).toBe('C. Employee (HR)');
      expect((await as(carol.accessToken, 'GET', '/v1/me')).json().displayName).toBe('Carol');
    });

    it('counts nobody in its aggregates without their consent', async () => {
      const victim = await register(t.app, 'victim', 'gmail.test');
      for (const moodScore of [2, 3, 2]) {
        await as(victim.accessToken, 'POST', '/v1/mood', { moodScore });
      }
      const before = await footprint(victim.user.id);
      expectProblem(
        await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/employees`, { email: victim.email }),
        403,
      );
      const roster = await as(hrY, 'PUT', `/v1/orgs/${orgY}/employees`, {
        employees: [{ email: victim.email, department: 'Sales' }],
      });
      expect(roster.statusCode).toBe(422);
      expect(roster.json().results[0].error).toMatch(/not a domain this organisation has verified/);
      expect(await footprint(victim.user.id)).toEqual(before);

      const invite = () =>
        as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/invitations`, {
          email: victim.email,
          department: 'Sales',
        });
      const first = await invite();
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ status: 'pending', email: victim.email });
      expectProblem(await invite(), 409);
      // Invited is not joined: no membership, so nothing of hers counts.
      expect(await membershipsIn(orgY, victim.user.id)).toBe(0);
      const seen = (await as(victim.accessToken, 'GET', '/v1/me/invitations')).json().items;
      expect(seen).toEqual([
        expect.objectContaining({
          id: first.json().id,
          orgId: orgY,
          orgName: 'Y',
          department: 'Sales',
        }),
      ]);
      // Nobody else can answer it for her.
      expect(
        (await as(adminY.accessToken, 'POST', `/v1/me/invitations/${first.json().id}/accept`))
          .statusCode,
      ).toBe(404);
      expect(
        (await as(victim.accessToken, 'POST', `/v1/me/invitations/${first.json().id}/decline`))
          .statusCode,
      ).toBe(204);
      expect(await membershipsIn(orgY, victim.user.id)).toBe(0);
      const listed = (await as(adminY.accessToken, 'GET', `/v1/orgs/${orgY}/invitations`)).json()
        .items;
      expect(listed.find((row: { id: string }) => row.id === first.json().id).status).toBe(
        'declined',
      );

      const second = (await invite()).json();
      const joined = await as(victim.accessToken, 'POST', `/v1/me/invitations/${second.id}/accept`);
      expect(joined.json()).toMatchObject({ orgId: orgY, orgName: 'Y' });
      expect(
        await prisma.employee.findFirstOrThrow({ where: { orgId: orgY, userId: victim.user.id } }),
      ).toMatchObject({ department: 'Sales', endedAt: null, orgRole: 'member' });
      expect(
        (await as(victim.accessToken, 'POST', `/v1/me/invitations/${second.id}/accept`)).statusCode,
      ).toBe(404);
    });

    it('lets an invitation lapse after its date, and the organisation invite again', async () => {
      const guest = await register(t.app, 'guest', 'freemail.test');
      const invite = () =>
        as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/invitations`, { email: guest.email });
      const first = (await invite()).json();
      await prisma.orgInvitation.update({
        where: { id: first.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect((await as(guest.accessToken, 'GET', '/v1/me/invitations')).json().items).toEqual([]);
      expect(
        (await as(guest.accessToken, 'POST', `/v1/me/invitations/${first.id}/accept`)).statusCode,
      ).toBe(404);
      const listed = (await as(adminY.accessToken, 'GET', `/v1/orgs/${orgY}/invitations`)).json()
        .items;
      expect(listed.find((row: { id: string }) => row.id === first.id).status).toBe('expired');
      const again = await invite();
      expect(again.statusCode).toBe(201);
      expect(await membershipsIn(orgY, guest.user.id)).toBe(0);
    });

    it('gives a global manager nothing where the membership does not say so', async () => {
      const manager = await register(t.app, 'manager', domainY);
      await prisma.user.update({ where: { id: manager.user.id }, data: { role: 'manager' } });
      const managerToken = (await login(manager)).accessToken;
      const member = (
        await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/employees`, { email: manager.email })
      ).json();
      const dashboard = (orgId: string) => as(managerToken, 'GET', `/v1/orgs/${orgId}/dashboard`);
      expect((await dashboard(orgY)).statusCode).toBe(404);
      const promoted = await as(
        adminY.accessToken,
        'PATCH',
        `/v1/orgs/${orgY}/employees/${member.id}`,
        {
          orgRole: 'manager',
        },
      );
      expect(promoted.json()).toMatchObject({ orgRole: 'manager' });
      expect((await dashboard(orgY)).statusCode).toBe(200);
      // A manager of Y is nobody in X, member or not.
      const invitation = (
        await as(adminX.accessToken, 'POST', `/v1/orgs/${orgX}/invitations`, {
          email: manager.email,
        })
      ).json();
      await as(managerToken, 'POST', `/v1/me/invitations/${invitation.id}/accept`);
      expect((await dashboard(orgX)).statusCode).toBe(404);
    });

    it('never provisions a platform admin, even one of its verified domain', async () => {
      const admin = await platformAdmin(t.app, 'ops', domainY);
      const before = await footprint(admin.user.id);
      expectProblem(
        await as(adminY.accessToken, 'POST', `/v1/orgs/${orgY}/employees`, { email: admin.email }),
        403,
      );
      const roster = await as(hrY, 'PUT', `/v1/orgs/${orgY}/employees`, {
        employees: [{ email: admin.email }, { email: uniqueEmail('fine', domainY) }],
      });
      expect(roster.statusCode).toBe(422);
      expect(roster.json().results).toEqual([
        expect.objectContaining({ index: 0, error: expect.stringMatching(/platform admin/) }),
      ]);
      expect(await footprint(admin.user.id)).toEqual(before);
    });
  });

  describe('the organisation’s lists page one by one, each row once', () => {
    /** Walks with limit=1: every page holds one row and the last names no next page. */
    const walk = async <Item>(url: string, token: string): Promise<Item[]> => {
      const pages = await walkOneByOne<Item>(t.app, url, bearer(token));
      expect(pages.every((page) => page.items.length === 1)).toBe(true);
      expect(pages.at(-1)?.nextCursor).toBeNull();
      return pages.flatMap((page) => page.items);
    };

    it('domains, newest claim first', async () => {
      for (const label of ['first', 'second']) {
        const claimed = await as(adminX.accessToken, 'POST', `/v1/orgs/${orgX}/domains`, {
          domain: uniqueDomain(label),
        });
        expect(claimed.statusCode).toBe(201);
      }
      const listed = await walk<{ domain: string }>(`/v1/orgs/${orgX}/domains`, adminX.accessToken);
      const stored = await prisma.orgDomain.findMany({
        where: { orgId: orgX },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { domain: true },
      });
      expect(stored.length).toBeGreaterThanOrEqual(2);
      expect(listed.map((row) => row.domain)).toEqual(stored.map((row) => row.domain));
    });

    it('identity providers, oldest first', async () => {
      for (const label of ['one', 'two']) {
        await prisma.identityProvider.create({
          data: {
            orgId: orgX,
            issuer: `https://idp-${label}-${randomUUID()}.test`,
            clientId: 'mindfulme',
            emailDomains: [domainX],
          },
        });
      }
      const listed = await walk<{ id: string }>(
        `/v1/orgs/${orgX}/identity-providers`,
        adminX.accessToken,
      );
      const stored = await prisma.identityProvider.findMany({
        where: { orgId: orgX },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true },
      });
      expect(stored.length).toBeGreaterThanOrEqual(2);
      expect(listed.map((row) => row.id)).toEqual(stored.map((row) => row.id));
    });

    it('invitations, newest first, for the organisation and for the person invited', async () => {
      const wanderer = await register(t.app, 'wanderer', 'freemail.test');
      for (const [orgId, admin] of [
        [orgX, adminX],
        [orgY, adminY],
      ] as const) {
        const invited = await as(admin.accessToken, 'POST', `/v1/orgs/${orgId}/invitations`, {
          email: wanderer.email,
        });
        expect(invited.statusCode).toBe(201);
      }
      const other = await as(adminX.accessToken, 'POST', `/v1/orgs/${orgX}/invitations`, {
        email: uniqueEmail('other', 'freemail.test'),
      });
      expect(other.statusCode).toBe(201);

      const ofOrg = await walk<{ id: string }>(`/v1/orgs/${orgX}/invitations`, adminX.accessToken);
      const storedOfOrg = await prisma.orgInvitation.findMany({
        where: { orgId: orgX },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { id: true },
      });
      expect(ofOrg.map((row) => row.id)).toEqual(storedOfOrg.map((row) => row.id));

      const received = await walk<{ orgId: string }>('/v1/me/invitations', wanderer.accessToken);
      expect(received.map((row) => row.orgId)).toEqual([orgY, orgX]);
    });
  });
});
