import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { PrismaService } from '../src/database/prisma.service.js';
import { verifiedDomain } from './factories/orgs.js';
import { bearer, register, type SignedIn } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * As deployed: OUTBOUND_ALLOW_PRIVATE_ADDRESSES off. An organisation's admin points the service
 * at addresses inside its network (an identity provider, a webhook receiver); nothing is fetched.
 */
describe('requests made on an organisation’s behalf never reach internal addresses', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let admin: SignedIn;
  let orgId: string;
  let domain: string;
  let internal: Server;
  let internalUrl: string;
  let hits = 0;

  beforeAll(async () => {
    internal = createServer((_request, response) => {
      hits += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ issuer: internalUrl, jwks_uri: `${internalUrl}/jwks` }));
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalUrl = `http://127.0.0.1:${(internal.address() as { port: number }).port}`;
    t = await startTestApp({ env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'false' } });
    prisma = t.app.get(PrismaService);
    admin = await register(t.app, 'admin');
    orgId = (
      await prisma.organization.create({ data: { name: 'Acme', adminUserId: admin.user.id } })
    ).id;
    domain = await verifiedDomain(prisma, orgId);
  });

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => internal.close(resolve));
  });

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: bearer(admin.accessToken), payload });

  it('refuses to register an identity provider or a webhook at an internal address', async () => {
    for (const issuer of [internalUrl, 'http://localhost:8080', 'http://[::1]:8080']) {
      const response = await post(`/v1/orgs/${orgId}/identity-providers`, {
        issuer,
        clientId: 'x',
        emailDomains: [domain],
      });
      expect({ issuer, status: response.statusCode }).toEqual({ issuer, status: 422 });
    }
    const webhook = await post(`/v1/orgs/${orgId}/webhooks`, {
      url: `${internalUrl}/hooks`,
      events: ['survey.closed'],
    });
    expect(webhook.statusCode).toBe(400);
    expect(hits).toBe(0);
  });

  it('does not fetch discovery from a provider whose address is internal now', async () => {
    // Registered while its name resolved to a public address; DNS now points inside.
    await prisma.identityProvider.create({
      data: { orgId, issuer: internalUrl, clientId: 'x', emailDomains: [domain] },
    });
    const nonce = randomUUID();
    const idToken = await new SignJWT({ email: `jo@${domain}`, email_verified: true, nonce })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(internalUrl)
      .setAudience('x')
      .setSubject('jo')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('an attacker-chosen key of 32 bytes!'));
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sso/exchange',
      payload: { idToken, nonce },
    });
    expect(response.statusCode).toBe(503);
    expect(hits).toBe(0);
    expect(await prisma.user.count({ where: { email: `jo@${domain}` } })).toBe(0);
  });
});
