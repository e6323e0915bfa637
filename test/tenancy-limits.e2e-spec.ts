import { randomUUID } from 'node:crypto';
import { PrismaService } from '../src/database/prisma.service.js';
import { hrClient, requestClientToken } from './factories/clients.js';
import { verifiedDomain } from './factories/orgs.js';
import { bearer, register } from './support/auth-helpers.js';
import { startIdentityProvider, type TestIdentityProvider } from './support/oidc-provider.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CLIENT_ID = 'mindfulme-office';

/**
 * One office, one address, many people: federated sign-ins are counted per identity, so the
 * sixth colleague is not refused for the first five; one identity hammering still is.
 */
describe('sign-in limits per identity, not per office address', () => {
  let t: TestApp;
  let idp: TestIdentityProvider;
  let orgId: string;
  let domain: string;
  let adminToken: string;

  const exchange = async (sub: string, email: string) => {
    const nonce = randomUUID();
    const idToken = await idp.signIdToken({
      iss: idp.issuer,
      aud: CLIENT_ID,
      sub,
      email,
      email_verified: true,
      nonce,
      jti: randomUUID(),
    });
    return t.app.inject({
      method: 'POST',
      url: '/v1/auth/sso/exchange',
      payload: { idToken, nonce },
    });
  };

  beforeAll(async () => {
    idp = await startIdentityProvider(CLIENT_ID);
    t = await startTestApp({
      env: {
        AUTH_RATE_LIMIT_PER_ADDRESS: '5',
        AUTH_RATE_LIMIT_PER_ACCOUNT: '5',
        AUTH_RATE_LIMIT_PER_ADDRESS_FEDERATED: '100',
      },
    });
    const prisma = t.app.get(PrismaService);
    const admin = await register(t.app, 'office-admin');
    adminToken = admin.accessToken;
    orgId = (
      await prisma.organization.create({ data: { name: 'Office', adminUserId: admin.user.id } })
    ).id;
    domain = await verifiedDomain(prisma, orgId);
    const registered = await t.app.inject({
      method: 'POST',
      url: `/v1/orgs/${orgId}/identity-providers`,
      headers: bearer(adminToken),
      payload: { issuer: idp.issuer, clientId: CLIENT_ID, emailDomains: [domain] },
    });
    expect(registered.statusCode).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('signs in eight colleagues from one address, and limits one identity to its own count', async () => {
    for (let i = 0; i < 8; i++) {
      const response = await exchange(`colleague-${i}`, `colleague-${i}@${domain}`);
      expect({ i, status: response.statusCode }).toEqual({ i, status: 200 });
    }
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await exchange('hammer', `hammer@${domain}`));
    expect(replies.map((reply) => reply.statusCode)).toEqual([200, 200, 200, 200, 200, 429]);
    // The IETF RateLimit fields say where the caller stands; the 429 says when to come back.
    expect(replies[0].headers).toMatchObject({
      'ratelimit-policy': '"address";q=100;w=60, "identity";q=5;w=60',
      ratelimit: expect.stringMatching(/^"identity";r=4;t=\d+$/),
    });
    expect(replies[5].headers).toMatchObject({
      'retry-after': expect.stringMatching(/^\d+$/),
      ratelimit: expect.stringMatching(/^"identity";r=0;t=\d+$/),
    });
  });

  it('counts token requests with HTTP Basic per client, not per address', async () => {
    const clients = [];
    for (let i = 0; i < 7; i++)
      clients.push(await hrClient(t.app, orgId, adminToken, ['employees:read']));
    for (const client of clients) {
      expect((await requestClientToken(t.app, client)).statusCode).toBe(200);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await requestClientToken(t.app, clients[0])).statusCode);
    // Its first request above and four more make five; the fifth here is its sixth.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });
});
