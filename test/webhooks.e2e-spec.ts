import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { PrismaService } from '../src/database/prisma.service.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { bearer, register, uniqueEmail } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';
import { platformAdmin } from './factories/people.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HR system's endpoint on 127.0.0.1: records every request, and can fail the first few. */
async function startReceiver() {
  const received: Received[] = [];
  const failuresLeft = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
      const left = failuresLeft.get(path) ?? 0;
      failuresLeft.set(path, left - 1);
      response.writeHead(left > 0 ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    at: (path: string) => received.filter((request) => request.path === path),
    failFirst: (path: string, count: number) => failuresLeft.set(path, count),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What a receiver does with x-mindfulme-signature, as the OpenAPI description tells it. */
function signatureIsValid(header: string | undefined, body: string, secret: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=')));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhooks for HR systems', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let platformToken: string;
  let adminA: string;
  let adminB: string;
  let orgA: string;
  let orgB: string;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: object) =>
    inject({ method, url: `/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
  const subscribe = (token: string, orgId: string, url: string, events: string[]) =>
    call('POST', `/orgs/${orgId}/webhooks`, token, { url, events });
  const deliveriesOf = async (orgId: string, id: string) =>
    (await call('GET', `/orgs/${orgId}/webhooks/${id}/deliveries`, adminA)).json().items as Array<{
      id: string;
      event: string;
      status: string;
      attempts: number;
      lastError: string | null;
      deliveredAt: string | null;
    }>;

  async function login(email: string, password: string) {
    const response = await inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password },
    });
    return response.json().accessToken as string;
  }

  async function createOrg(name: string, adminUserId: string) {
    const response = await call('POST', '/orgs', platformToken, { name, adminUserId });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  async function clientToken(orgId: string, adminToken: string, scopes: string[]) {
    const created = await call('POST', `/orgs/${orgId}/api-clients`, adminToken, {
      name: 'HRIS',
      scopes,
    });
    expect(created.statusCode).toBe(201);
    const { clientId, clientSecret } = created.json();
    const token = await inject({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
    });
    expect(token.statusCode).toBe(200);
    return token.json().access_token as string;
  }

  async function openSurvey() {
    const draft = await call('POST', `/orgs/${orgA}/surveys`, adminA, {
      title: 'Pulse',
      questions: [{ id: 'rested', text: 'I feel rested.', type: 'likert', required: true }],
    });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as string;
    expect((await call('POST', `/surveys/${id}/open`, adminA)).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_URL: '' } });
    prisma = t.app.get(PrismaService);
    receiver = await startReceiver();
    const platform = await platformAdmin(t.app, 'platform');
    platformToken = await login(platform.email, platform.password);
    const ownerA = await register(t.app, 'admin-a');
    const ownerB = await register(t.app, 'admin-b');
    adminA = ownerA.accessToken;
    adminB = ownerB.accessToken;
    orgA = await createOrg('Acme', ownerA.user.id);
    orgB = await createOrg('Globex', ownerB.user.id);
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  let acmeHook: { id: string; secret: string };
  let globexHook: string;

  it('lets the org admin subscribe; the secret is shown once and stored encrypted', async () => {
    const created = await subscribe(adminA, orgA, receiver.url('/acme'), [
      'survey.opened',
      'survey.closed',
    ]);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      url: receiver.url('/acme'),
      events: ['survey.opened', 'survey.closed'],
      createdAt: expect.any(String),
      // Standard Webhooks' format: whsec_ and 32 random bytes in base64.
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    acmeHook = created.json();

    const listed = await call('GET', `/orgs/${orgA}/webhooks`, adminA);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().nextCursor).toBeNull();
    expect(listed.json().items).toEqual([
      {
        id: acmeHook.id,
        url: receiver.url('/acme'),
        events: ['survey.opened', 'survey.closed'],
        createdAt: expect.any(String),
      },
    ]);

    const stored = await prisma.webhookSubscription.findUniqueOrThrow({
      where: { id: acmeHook.id },
    });
    expect(stored.secret).not.toContain(acmeHook.secret);
    expect(stored.encryptionKeyId).toBe('k2026');
  });

  it('delivers survey.opened and survey.closed once each, signed; other orgs hear nothing', async () => {
    const globex = await subscribe(adminB, orgB, receiver.url('/globex'), [
      'survey.opened',
      'survey.closed',
      'org.wellness.updated',
    ]);
    expect(globex.statusCode).toBe(201);
    globexHook = globex.json().id;

    const surveyId = await openSurvey();
    expect((await call('POST', `/surveys/${surveyId}/close`, adminA)).statusCode).toBe(200);

    const deliveries = await waitFor('both deliveries to be delivered', async () => {
      const items = await deliveriesOf(orgA, acmeHook.id);
      return items.length === 2 && items.every((item) => item.status === 'delivered') && items;
    });
    expect(deliveries.map((item) => [item.event, item.attempts]).sort()).toEqual([
      ['survey.closed', 1],
      ['survey.opened', 1],
    ]);

    const requests = receiver.at('/acme');
    expect(requests.map((request) => JSON.parse(request.body).event).sort()).toEqual([
      'survey.closed',
      'survey.opened',
    ]);
    for (const request of requests) {
      const body = JSON.parse(request.body);
      expect(body).toEqual({
        id: expect.any(String),
        event: expect.stringMatching(/^survey\.(opened|closed)$/),
        orgId: orgA,
        occurredAt: expect.any(String),
        data: { surveyId },
      });
      expect(new Date(body.occurredAt).toISOString()).toBe(body.occurredAt);
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'MindfulMe-Webhooks/1',
        'x-mindfulme-event': body.event,
        'x-mindfulme-delivery': body.id,
        'webhook-id': body.id,
      });
      expect(deliveries.map((item) => item.id)).toContain(body.id);
      // Standard Webhooks: the specification's own library verifies the delivery as received.
      const standard = new Webhook(acmeHook.secret);
      const headers = request.headers as Record<string, string>;
      expect(standard.verify(request.body, headers)).toEqual(body);
      expect(() =>
        standard.verify(request.body.replace(surveyId, randomBytes(4).toString('hex')), headers),
      ).toThrow(WebhookVerificationError);
      // A secret of another subscription does not verify it.
      expect(() =>
        new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(request.body, headers),
      ).toThrow(WebhookVerificationError);
      expect(
        signatureIsValid(
          request.headers['x-mindfulme-signature'] as string,
          request.body,
          acmeHook.secret,
        ),
      ).toBe(true);
      expect(
        signatureIsValid(
          request.headers['x-mindfulme-signature'] as string,
          request.body.replace(surveyId, randomBytes(4).toString('hex')),
          acmeHook.secret,
        ),
      ).toBe(false);
    }
    expect(receiver.at('/globex')).toEqual([]);
  });

  it('retries a failing receiver with back-off; the third attempt delivers', async () => {
    receiver.failFirst('/flaky', 2);
    const flaky = await subscribe(adminA, orgA, receiver.url('/flaky'), ['survey.opened']);
    expect(flaky.statusCode).toBe(201);

    await openSurvey();

    const [delivery] = await waitFor('the flaky delivery to be delivered', async () => {
      const items = await deliveriesOf(orgA, flaky.json().id);
      return items[0]?.status === 'delivered' && items;
    });
    expect(delivery).toMatchObject({
      event: 'survey.opened',
      status: 'delivered',
      attempts: 3,
      lastError: 'HTTP 503',
      deliveredAt: expect.any(String),
    });
    const requests = receiver.at('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.headers['x-mindfulme-delivery']))).toEqual(
      new Set([delivery.id]),
    );
    const stored = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(stored.lastError).not.toContain(flaky.json().secret);
  });

  it("answers 404 to other organisations' admins and clients, 403 to clients without the scopes", async () => {
    const before = await prisma.webhookSubscription.count();
    const foreignPaths = [
      ['GET', `/orgs/${orgA}/webhooks`],
      ['POST', `/orgs/${orgA}/webhooks`],
      ['DELETE', `/orgs/${orgA}/webhooks/${acmeHook.id}`],
      ['GET', `/orgs/${orgA}/webhooks/${acmeHook.id}/deliveries`],
    ] as const;
    const payload = { url: receiver.url('/sneaky'), events: ['survey.closed'] };
    for (const [method, path] of foreignPaths) {
      const response = await call(method, path, adminB, method === 'POST' ? payload : undefined);
      expect([method, path, response.statusCode]).toEqual([method, path, 404]);
    }
    const globexClient = await clientToken(orgB, adminB, ['org.wellness:read', 'surveys:read']);
    expect((await call('GET', `/orgs/${orgA}/webhooks`, globexClient)).statusCode).toBe(404);
    expect((await call('POST', `/orgs/${orgA}/webhooks`, globexClient, payload)).statusCode).toBe(
      404,
    );
    // Org A's admin cannot reach org B's webhook through org A's path either.
    expect(
      (await call('GET', `/orgs/${orgA}/webhooks/${globexHook}/deliveries`, adminA)).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/orgs/${orgA}/webhooks/${globexHook}`, adminA)).statusCode).toBe(
      404,
    );

    const rosterClient = await clientToken(orgA, adminA, ['employees:read', 'employees:write']);
    const refused = await call('GET', `/orgs/${orgA}/webhooks`, rosterClient);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await call('POST', `/orgs/${orgA}/webhooks`, rosterClient, payload)).statusCode).toBe(
      403,
    );

    // A client hears only of what it could read: surveys:read covers survey events, not wellness.
    const surveysClient = await clientToken(orgA, adminA, ['surveys:read']);
    const beyond = await subscribe(surveysClient, orgA, receiver.url('/hris'), [
      'survey.closed',
      'org.wellness.updated',
    ]);
    expect(beyond.statusCode).toBe(403);
    expect(beyond.json().detail).toMatch(/org\.wellness\.updated/);
    expect(await prisma.webhookSubscription.count()).toBe(before);

    const allowed = await subscribe(surveysClient, orgA, receiver.url('/hris'), ['survey.closed']);
    expect(allowed.statusCode).toBe(201);
    const listed = await call('GET', `/orgs/${orgA}/webhooks`, surveysClient);
    expect(listed.json().items.map((hook: { id: string }) => hook.id)).toContain(allowed.json().id);
    expect(
      (await call('DELETE', `/orgs/${orgA}/webhooks/${allowed.json().id}`, surveysClient))
        .statusCode,
    ).toBe(204);
  });

  it('refuses bad URLs and unknown events with a 400 problem, storing nothing', async () => {
    const before = await prisma.webhookSubscription.count();
    const longUrl = receiver.url(`/${'a'.repeat(2100)}`);
    const cases: Array<[string, object]> = [
      ['ftp scheme', { url: 'ftp://127.0.0.1/hooks', events: ['survey.closed'] }],
      ['not a URL', { url: 'hooks please', events: ['survey.closed'] }],
      [
        'credentials',
        { url: receiver.url('/x').replace('//', '//hr:hunter2@'), events: ['survey.closed'] },
      ],
      ['too long', { url: longUrl, events: ['survey.closed'] }],
      // About 2,000 characters sent, over 11,000 once each ü is percent-encoded (%C3%BC) to be kept.
      [
        'too long once encoded',
        { url: receiver.url(`/${'ü'.repeat(1975)}`), events: ['survey.closed'] },
      ],
      ['unknown event', { url: receiver.url('/x'), events: ['survey.deleted'] }],
      ['person event', { url: receiver.url('/x'), events: ['mood.logged'] }],
      ['no events', { url: receiver.url('/x'), events: [] }],
      ['events twice', { url: receiver.url('/x'), events: ['survey.closed', 'survey.closed'] }],
      ['events not a list', { url: receiver.url('/x'), events: 'survey.closed' }],
      ['no url', { events: ['survey.closed'] }],
      ['unknown field', { url: receiver.url('/x'), events: ['survey.closed'], secret: 'mine' }],
    ];
    for (const [label, payload] of cases) {
      const response = await call('POST', `/orgs/${orgA}/webhooks`, adminA, payload);
      expect([label, response.statusCode]).toEqual([label, 400]);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.length).toBeGreaterThan(0);
    }
    expect(await prisma.webhookSubscription.count()).toBe(before);
  });

  it('stores the URL normalised, as it will be called', async () => {
    const shouting = receiver.url('/Loud').replace('http://127.0.0.1', 'HTTP://127.0.0.1');
    const created = await subscribe(adminB, orgB, shouting, ['survey.closed']);
    expect(created.statusCode).toBe(201);
    expect(created.json().url).toBe(receiver.url('/Loud'));
  });

  it('caps an organisation at 10 webhooks, even when they are created at once', async () => {
    const existing = await prisma.webhookSubscription.count({ where: { orgId: orgB } });
    // Four more than there is room for, all at once: the count and the insert are one step.
    const answers = await Promise.all(
      Array.from({ length: 14 - existing }, (_, i) =>
        subscribe(adminB, orgB, receiver.url(`/g${i}`), ['survey.closed']),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10 - existing);
    expect(statuses.filter((status) => status === 409)).toHaveLength(4);
    expect(await prisma.webhookSubscription.count({ where: { orgId: orgB } })).toBe(10);
    // So the list is always one page.
    const listed = await call('GET', `/orgs/${orgB}/webhooks`, adminB);
    expect(listed.json().items).toHaveLength(10);
    expect(listed.json().nextCursor).toBeNull();
    expect(listed.headers.link).toBeUndefined();
  });

  it('announces a wellness recompute with the score and nothing about anyone', async () => {
    const wellness = await subscribe(adminA, orgA, receiver.url('/wellness'), [
      'org.wellness.updated',
    ]);
    expect(wellness.statusCode).toBe(201);
    const people: string[] = [];
    for (let i = 0; i < 5; i++) {
      const user = await prisma.user.create({
        data: { email: uniqueEmail('member'), password: 'never used' },
      });
      const employee = await prisma.employee.create({
        data: { userId: user.id, orgId: orgA, anonymizedId: randomBytes(16).toString('base64url') },
      });
      await prisma.moodEntry.create({
        data: { userId: user.id, moodScore: 3 + i, createdAt: new Date(Date.now() - 3600_000) },
      });
      people.push(user.id, user.email, employee.id, employee.anonymizedId);
    }

    await t.app.get(JobRegistry).get('orgs.recompute-wellness').handle({ orgId: orgA });

    const [request] = await waitFor(
      'the wellness event',
      () => receiver.at('/wellness')[0] && receiver.at('/wellness'),
    );
    const org = (await call('GET', `/orgs/${orgA}`, adminA)).json();
    expect(org.wellnessScore).toEqual(expect.any(Number));
    const body = JSON.parse(request.body);
    expect(body).toEqual({
      id: request.headers['x-mindfulme-delivery'],
      event: 'org.wellness.updated',
      orgId: orgA,
      occurredAt: body.data.computedAt,
      data: { wellnessScore: org.wellnessScore, computedAt: expect.any(String) },
    });
    expect(
      signatureIsValid(
        request.headers['x-mindfulme-signature'] as string,
        request.body,
        wellness.json().secret,
      ),
    ).toBe(true);
    for (const trace of people) expect(request.body).not.toContain(trace);
    // Subscribed to survey events only, the others hear nothing of it.
    expect(receiver.at('/acme').map((r) => JSON.parse(r.body).event)).not.toContain(
      'org.wellness.updated',
    );
    expect(receiver.at('/globex')).toEqual([]);
  });

  it('deletes a webhook: gone from the list, its deliveries with it', async () => {
    const removed = await call('DELETE', `/orgs/${orgA}/webhooks/${acmeHook.id}`, adminA);
    expect(removed.statusCode).toBe(204);
    const listed = await call('GET', `/orgs/${orgA}/webhooks`, adminA);
    expect(listed.json().items.map((hook: { id: string }) => hook.id)).not.toContain(acmeHook.id);
    expect(await prisma.webhookDelivery.count({ where: { subscriptionId: acmeHook.id } })).toBe(0);
    expect((await call('DELETE', `/orgs/${orgA}/webhooks/${acmeHook.id}`, adminA)).statusCode).toBe(
      404,
    );
    expect(
      (await call('GET', `/orgs/${orgA}/webhooks/${acmeHook.id}/deliveries`, adminA)).statusCode,
    ).toBe(404);
  });
});
