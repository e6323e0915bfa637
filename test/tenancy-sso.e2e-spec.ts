import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { PrismaService } from '../src/database/prisma.service.js';
import { uniqueDomain, verifiedDomain } from './factories/orgs.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startIdentityProvider, type TestIdentityProvider } from './support/oidc-provider.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { platformAdmin } from './factories/people.js';

const CLIENT_ID = 'mindfulme-multi-tenant';

/**
 * One issuer shared by many customers, as a multi-tenant cloud provider is: each organisation
 * signs in its own tenant's people of its own verified domains, and none can lock the others out.
 */
describe('single sign-on that cannot be turned against other tenants', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let cloud: TestIdentityProvider;
  const orgs: Record<'s1' | 's2' | 'squatter' | 'late', { id: string; admin: SignedIn }> =
    {} as never;
  const domains: Record<'s1' | 's2', string> = {} as never;

  const registerProvider = (org: { id: string; admin: SignedIn }, body: object) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/orgs/${org.id}/identity-providers`,
      headers: bearer(org.admin.accessToken),
      payload: { issuer: cloud.issuer, clientId: CLIENT_ID, ...body },
    });

  /** An ID token of the cloud for `email` in `tenant`, with a fresh nonce: the exchange's answer. */
  const signIn = async (email: string, tenant: string | null, extra: JWTPayload = {}) => {
    const nonce = randomUUID();
    const idToken = await cloud.signIdToken({
      iss: cloud.issuer,
      aud: CLIENT_ID,
      sub: `cloud-${email}`,
      email,
      email_verified: true,
      nonce,
      jti: randomUUID(),
      ...(tenant ? { tid: tenant } : {}),
      ...extra,
    });
    return t.app.inject({
      method: 'POST',
      url: '/v1/auth/sso/exchange',
      payload: { idToken, nonce },
    });
  };
  const memberOf = async (email: string) =>
    (
      await prisma.employee.findMany({
        where: { user: { email } },
        select: { orgId: true },
      })
    ).map((row) => row.orgId);

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    cloud = await startIdentityProvider(CLIENT_ID);
    for (const name of ['s1', 's2', 'squatter', 'late'] as const) {
      const admin = await register(t.app, `${name}-admin`);
      const org = await prisma.organization.create({
        data: { name, adminUserId: admin.user.id },
      });
      orgs[name] = { id: org.id, admin };
    }
    domains.s1 = await verifiedDomain(prisma, orgs.s1.id);
    domains.s2 = await verifiedDomain(prisma, orgs.s2.id);
    await verifiedDomain(prisma, orgs.squatter.id);

    // The squatter takes the issuer first, without a tenant; the tenants still get in.
    const squatted = await registerProvider(orgs.squatter, {
      emailDomains: [
        (await prisma.orgDomain.findFirstOrThrow({ where: { orgId: orgs.squatter.id } })).domain,
      ],
    });
    expect(squatted.statusCode).toBe(201);
    for (const name of ['s1', 's2'] as const) {
      const registered = await registerProvider(orgs[name], {
        emailDomains: [domains[name]],
        tenantClaim: 'tid',
        tenantId: `tenant-${name}`,
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json()).toMatchObject({ tenantClaim: 'tid', tenantId: `tenant-${name}` });
    }
  });

  afterAll(async () => {
    await t?.close();
    await cloud?.close();
  });

  it('refuses a second provider without a tenant, a taken tenant and a mixed tenant claim', async () => {
    await verifiedDomain(prisma, orgs.late.id, 'late.test');
    const cases = [
      { emailDomains: ['late.test'] },
      { emailDomains: ['late.test'], tenantClaim: 'tid', tenantId: 'tenant-s1' },
      { emailDomains: ['late.test'], tenantClaim: 'hd', tenantId: 'late.test' },
    ];
    for (const body of cases) {
      const response = await registerProvider(orgs.late, body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 409 });
    }
    const half = await registerProvider(orgs.late, {
      emailDomains: ['late.test'],
      tenantClaim: 'tid',
    });
    expect(half.statusCode).toBe(400);
    expect(await prisma.identityProvider.count({ where: { orgId: orgs.late.id } })).toBe(0);
  });

  it('signs each tenant’s people into their own organisation, and only theirs', async () => {
    const ana = `ana@${domains.s1}`;
    const ben = `ben@${domains.s2}`;
    expect((await signIn(ana, 'tenant-s1')).statusCode).toBe(200);
    expect((await signIn(ben, 'tenant-s2')).statusCode).toBe(200);
    expect(await memberOf(ana)).toEqual([orgs.s1.id]);
    expect(await memberOf(ben)).toEqual([orgs.s2.id]);

    // A tenant cannot sign in another tenant's domain; nor can the squatter, for any tenant.
    for (const [email, tenant] of [
      [`eve@${domains.s2}`, 'tenant-s1'],
      [`eve@${domains.s1}`, 'tenant-unknown'],
      [`eve@${domains.s1}`, null],
    ] as const) {
      const response = await signIn(email, tenant);
      expect({ email, tenant, status: response.statusCode }).toEqual({
        email,
        tenant,
        status: 401,
      });
    }
    expect(await prisma.user.count({ where: { email: { startsWith: 'eve@' } } })).toBe(0);
  });

  it('links an existing password account only while the organisation holds its domain', async () => {
    const dana = await register(t.app, 'dana', domains.s1);
    const linked = await signIn(dana.email, 'tenant-s1');
    expect(linked.statusCode).toBe(200);
    expect(linked.json().user.id).toBe(dana.user.id);
    // The session is S1's: S1 ending Dana's membership ends it, and her own sign-in stays.
    const employee = await prisma.employee.findFirstOrThrow({
      where: { orgId: orgs.s1.id, userId: dana.user.id },
    });
    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/v1/orgs/${orgs.s1.id}/employees/${employee.id}`,
      headers: bearer(orgs.s1.admin.accessToken),
    });
    expect(ended.statusCode).toBe(204);
    const me = (token: string) =>
      t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) });
    expect((await me(linked.json().accessToken)).statusCode).toBe(401);
    expect((await me(dana.accessToken)).statusCode).toBe(200);

    // A platform admin revokes S1's verification: S1's provider signs nobody of it in any more.
    const platform = await platformAdmin(t.app, 'platform');
    const platformToken = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: platform.email, password: platform.password },
      })
    ).json().accessToken;
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/v1/orgs/${orgs.s1.id}/domains/${domains.s1}`,
      headers: bearer(platformToken),
    });
    expect(revoked.statusCode).toBe(204);
    const after = await signIn(`newcomer@${domains.s1}`, 'tenant-s1');
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/not verified/);
    expect(await prisma.user.count({ where: { email: `newcomer@${domains.s1}` } })).toBe(0);
  });

  it('refuses a provider for a domain the organisation has not verified', async () => {
    const response = await registerProvider(orgs.s2, {
      emailDomains: [uniqueDomain('not-ours')],
      tenantClaim: 'tid',
      tenantId: 'tenant-s2-other',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toMatch(/Verify .* first/);
  });
});
