import { createHash } from 'node:crypto';
import { PrismaService } from '../src/database/prisma.service.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { verifiedDomain } from './factories/orgs.js';
import { bearer, register } from './support/auth-helpers.js';
import { startIdentityProvider, type TestIdentityProvider } from './support/oidc-provider.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CLIENT_ID = 'mindfulme-at-acme';
/** The nonce a client sends with its sign-in; tokens crafted here carry it unless told not to. */
const NONCE = 'nonce-of-this-sign-in-0001';

describe('enterprise SSO: ID tokens from an organisation’s OpenID provider', () => {
  let t: TestApp;
  let idp: TestIdentityProvider;
  let prisma: PrismaService;
  let orgId: string;
  const exchange = (idToken: string, nonce = NONCE) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/sso/exchange', payload: { idToken, nonce } });
  const claimsFor = (email: string, extra: Record<string, unknown> = {}) => ({
    iss: idp.issuer,
    aud: CLIENT_ID,
    sub: `idp-${email}`,
    email,
    email_verified: true,
    name: 'Jo Employee',
    nonce: NONCE,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    idp = await startIdentityProvider(CLIENT_ID);
    const orgAdmin = await register(t.app, 'acme-admin');
    orgId = (
      await prisma.organization.create({ data: { name: 'Acme', adminUserId: orgAdmin.user.id } })
    ).id;
    await verifiedDomain(prisma, orgId, 'acme.test');
    const registered = await t.app.inject({
      method: 'POST',
      url: `/v1/orgs/${orgId}/identity-providers`,
      headers: bearer(orgAdmin.accessToken),
      payload: { issuer: idp.issuer, clientId: CLIENT_ID, emailDomains: ['Acme.test'] },
    });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ issuer: idp.issuer, emailDomains: ['acme.test'] });
    const outsider = await register(t.app, 'outsider');
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/v1/orgs/${orgId}/identity-providers`,
      headers: bearer(outsider.accessToken),
      payload: { issuer: 'https://idp.example', clientId: 'x', emailDomains: ['example.com'] },
    });
    expect(foreign.statusCode).toBe(404);
  });

  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('provisions the employee on first sign-in and reuses them on the next', async () => {
    const idToken = await idp.signInThroughProvider('jo@acme.test', 'nonce-first-sign-in-1');
    const first = await exchange(idToken, 'nonce-first-sign-in-1');
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { email: 'jo@acme.test', displayName: 'Jo Employee', role: 'individual' },
    });
    const membership = await prisma.employee.findMany({ where: { userId: body.user.id } });
    expect(membership).toEqual([
      expect.objectContaining({ orgId, anonymizedId: expect.any(String) }),
    ]);
    expect(membership[0].anonymizedId).not.toContain(body.user.id);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.accessToken) }))
        .statusCode,
    ).toBe(200);

    const second = await exchange(
      await idp.signInThroughProvider('JO@acme.test', 'nonce-second-sign-in'),
      'nonce-second-sign-in',
    );
    expect(second.statusCode).toBe(200);
    expect(second.json().user.id).toBe(body.user.id);
    expect(await prisma.user.count({ where: { email: 'jo@acme.test' } })).toBe(1);
    expect(await prisma.employee.count({ where: { userId: body.user.id } })).toBe(1);
    // An SSO-made account has no password that could ever match.
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'jo@acme.test', password: '!sso-only' },
    });
    expect(login.statusCode).toBe(401);
  });

  it('forgets a spent ID token once it has expired, by the hourly job, and not before', async () => {
    const spent = async (nonce: string) => {
      const idToken = await idp.signInThroughProvider('lee@acme.test', nonce);
      expect((await exchange(idToken, nonce)).statusCode).toBe(200);
      return createHash('sha256').update(idToken).digest('hex');
    };
    const [expired, current] = [
      await spent('nonce-purge-expired'),
      await spent('nonce-purge-current'),
    ];
    await prisma.ssoUsedToken.update({
      where: { tokenHash: expired },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await t.app.get(JobRegistry).get('sso.purge-used-id-tokens').handle({});
    const left = await prisma.ssoUsedToken.findMany({
      where: { tokenHash: { in: [expired, current] } },
    });
    expect(left.map((row) => row.tokenHash)).toEqual([current]);
  });

  it('refuses foreign domains, unknown issuers, and expired, tampered, forged or misaddressed tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await idp.signIdToken(claimsFor('kim@acme.test'));
    const [header, payload, signature] = valid.split('.');
    const tampered = [
      header,
      Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
          email: 'boss@acme.test',
        }),
      ).toString('base64url'),
      signature,
    ].join('.');
    const cases: Record<string, string> = {
      foreignDomain: await idp.signIdToken(claimsFor('kim@elsewhere.test')),
      subdomainIsForeign: await idp.signIdToken(claimsFor('kim@evil.acme.test')),
      unknownIssuer: await idp.signIdToken(
        claimsFor('kim@acme.test', { iss: 'https://idp.unknown.example' }),
      ),
      expired: await idp.signIdToken(claimsFor('kim@acme.test', { iat: now - 3600 }), {
        expiresIn: now - 600,
      }),
      issuedInTheFuture: await idp.signIdToken(claimsFor('kim@acme.test', { iat: now + 3600 }), {
        expiresIn: '2h',
      }),
      tampered,
      forged: await idp.signIdToken(claimsFor('kim@acme.test'), { key: idp.foreignKey }),
      wrongAudience: await idp.signIdToken(claimsFor('kim@acme.test', { aud: 'another-app' })),
      unverifiedEmail: await idp.signIdToken(claimsFor('kim@acme.test', { email_verified: false })),
      emailNotSaidVerified: await idp.signIdToken(
        claimsFor('kim@acme.test', { email_verified: undefined }),
      ),
      noNonce: await idp.signIdToken(claimsFor('kim@acme.test', { nonce: undefined })),
      // Longer than an address can be: 300 characters before the domain.
      emailTooLong: await idp.signIdToken(claimsFor(`${'k'.repeat(300)}@acme.test`)),
    };
    for (const [name, token] of Object.entries(cases)) {
      const response = await exchange(token);
      expect({ name, status: response.statusCode }).toEqual({ name, status: 401 });
    }
    const wrongNonce = await exchange(
      await idp.signIdToken(claimsFor('kim@acme.test', { nonce: 'another-sign-in-nonce' })),
    );
    expect(wrongNonce.statusCode).toBe(401);
    // A client that sends no nonce is refused before any token is looked at.
    const noNonce = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sso/exchange',
      payload: { idToken: valid },
    });
    expect(noNonce.statusCode).toBe(400);
    expect(
      await prisma.user.count({
        where: { email: { in: ['kim@acme.test', 'boss@acme.test', 'kim@elsewhere.test'] } },
      }),
    ).toBe(0);

    // The same token, untouched, is fine: the refusals above were for their reasons.
    expect((await exchange(valid)).statusCode).toBe(200);
    // Once: the same token again is a replay.
    const replay = await exchange(valid);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().detail).toMatch(/already used/);
  });
});
