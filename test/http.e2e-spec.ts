import { request as httpRequest } from 'node:http';
import { platformAdmin } from './factories/people.js';
import { bearer, register } from './support/auth-helpers.js';
import { ProbeModule } from './support/probe.controller.js';
import { committedOpenApiDocument } from './support/response-contract.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PROBLEM = /^application\/problem\+json/;

describe('the HTTP application (Fastify, real PostgreSQL and Redis)', () => {
  let t: TestApp;
  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [ProbeModule] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers liveness on /health', async () => {
    const response = await inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness with PostgreSQL and Redis both checked', async () => {
    const response = await inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json().details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
    });
  });

  it('serves the OpenAPI document', async () => {
    const document = await inject({ method: 'GET', url: '/openapi.json' });
    expect(document.statusCode).toBe(200);
    expect(document.json()).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'MindfulMe API' },
    });
    // Each failure is declared by its status (never a range) as the problem document.
    const { paths, components } = document.json();
    expect(components.schemas.Problem.required).toEqual(['type', 'title', 'status']);
    const responses = paths['/v1/mood'].post.responses;
    expect(Object.keys(responses)).not.toContain('4XX');
    for (const status of ['400', '401', '413', '415', '500']) {
      expect(responses[status].content).toHaveProperty('application/problem+json');
    }
  });

  it('writes the hot routes’ answers from their OpenAPI schemas (fields in the document’s order)', async () => {
    const schemas = committedOpenApiDocument().components?.schemas as Record<
      string,
      { properties: object }
    >;
    const declared = (name: string) => Object.keys(schemas[name].properties);
    const ana = await register(t.app, 'ana');
    const as = { headers: bearer(ana.accessToken) };
    const entry = await inject({
      method: 'POST',
      url: '/v1/mood',
      ...as,
      payload: { moodScore: 6 },
    });
    expect(Object.keys(entry.json())).toEqual(declared('MoodEntryDto'));
    const stats = await inject({ method: 'GET', url: '/v1/mood/stats?days=2', ...as });
    expect(Object.keys(stats.json())).toEqual(declared('MoodStatsDto'));
    expect(Object.keys(stats.json().daily[0])).toEqual(declared('MoodDayDto'));
    await inject({ method: 'POST', url: '/v1/journals', ...as, payload: { content: 'calm' } });
    const journals = await inject({ method: 'GET', url: '/v1/journals', ...as });
    expect(Object.keys(journals.json())).toEqual(declared('JournalPageDto'));
    expect(Object.keys(journals.json().items[0])).toEqual(declared('JournalDto'));
    const platform = await platformAdmin(t.app);
    const org = await inject({
      method: 'POST',
      url: '/v1/orgs',
      headers: bearer(platform.accessToken),
      payload: { name: 'Serialised Ltd', adminUserId: ana.user.id },
    });
    const dashboard = await inject({
      method: 'GET',
      url: `/v1/orgs/${org.json().id}/dashboard`,
      ...as,
    });
    expect(dashboard.statusCode).toBe(200);
    expect(Object.keys(dashboard.json())).toEqual(declared('OrgDashboardDto'));
  });

  it('puts application routes under /v1 only', async () => {
    expect((await inject({ method: 'GET', url: '/v1/probe/slow' })).statusCode).toBe(200);
    const unprefixed = await inject({ method: 'GET', url: '/probe/slow' });
    expect(unprefixed.statusCode).toBe(404);
    expect(unprefixed.headers['content-type']).toMatch(PROBLEM);
    expect(unprefixed.json()).toMatchObject({
      type: expect.stringContaining('not-found'),
      title: 'Not Found',
      status: 404,
    });
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'req-42' },
    });
    expect(given.headers['x-request-id']).toBe('req-42');
    const made = await inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses unknown and malformed fields with a problem listing each field, and stores nothing', async () => {
    const response = await inject({
      method: 'POST',
      url: '/v1/probe/mood',
      payload: { email: 'v@example.org', moodScore: 'seven', isAdmin: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    const body = response.json();
    expect(body).toMatchObject({ status: 400, title: 'Bad Request', type: expect.any(String) });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'isAdmin', reason: expect.stringContaining('should not exist') },
        { field: 'moodScore', reason: expect.stringContaining('integer') },
      ]),
    );
    const prisma = t.app.get((await import('../src/database/prisma.service.js')).PrismaService);
    expect(await prisma.user.count({ where: { email: 'v@example.org' } })).toBe(0);
  });

  it('maps a unique violation to 409, a missing row to 404 and a database CHECK to 422', async () => {
    expect(
      (await inject({ method: 'POST', url: '/v1/probe/users/dup@example.org' })).statusCode,
    ).toBe(201);
    const duplicate = await inject({ method: 'POST', url: '/v1/probe/users/DUP@example.org' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['content-type']).toMatch(PROBLEM);

    const missing = await inject({
      method: 'POST',
      url: '/v1/probe/users/9b1de2a4-0000-4000-8000-000000000000/rename',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM);

    const outOfRange = await inject({
      method: 'POST',
      url: '/v1/probe/mood',
      payload: { email: 'c@example.org', moodScore: 0 },
    });
    expect(outOfRange.statusCode).toBe(422);
    expect(outOfRange.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers an unexpected error with 500 and nothing of its internals', async () => {
    const response = await inject({ method: 'GET', url: '/v1/probe/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).not.toMatch(/secret|SELECT|at .*\.ts/);
    expect(response.json()).toMatchObject({ status: 500, title: 'Internal Server Error' });
  });

  it('refuses a body over 1 MB with 413 and bad JSON with 400, both as problems', async () => {
    const big = await inject({
      method: 'POST',
      url: '/v1/probe/mood',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'x'.repeat(1024 * 1024 + 10), moodScore: 5 }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(PROBLEM);
    const bad = await inject({
      method: 'POST',
      url: '/v1/probe/mood',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
  });

  it('finishes a request already in flight when it shuts down', async () => {
    const own = await startTestApp({ extraModules: [ProbeModule] });
    const { port } = own.app.getHttpServer().address() as { port: number };
    const pending = new Promise<{ status?: number; body: unknown }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/v1/probe/slow' }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(body) }));
      })
        .on('error', reject)
        .end();
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the handler is now running
    await own.close();
    await expect(pending).resolves.toEqual({ status: 200, body: { finished: true } });
  });
});
