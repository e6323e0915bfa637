import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type RunningServer, startBuiltServer, stopBuiltServer } from './support/built-server.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { TEST_REDIS_URL } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

const JWT_SECRET = 'queue board test secret of at least thirty-two chars';

// Bull Board serves its pages through @fastify/static, which Jest cannot load on Node 20, so
// the board is checked against the built server.
describe('Bull Board at /admin/queues (built server, queues in Redis)', () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      ...process.env,
      PORT: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `mm_test_board_${randomBytes(4).toString('hex')}`,
      JWT_SECRET,
    });
  }, 90_000);

  /** A person signed in through the server; `admin` promotes them first. */
  async function signedIn(admin: boolean): Promise<string> {
    const credentials = {
      email: `board-${randomBytes(4).toString('hex')}@example.org`,
      password: 'a long enough password',
    };
    const send = (path: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(credentials),
      });
    await send('/v1/auth/register');
    if (admin) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(`UPDATE users SET role = 'admin' WHERE email = $1`, [credentials.email]);
      await client.end();
    }
    const session = (await (await send('/v1/auth/login')).json()) as { accessToken: string };
    return session.accessToken;
  }

  afterAll(async () => {
    if (server) expect(await stopBuiltServer(server)).toBe(0);
    await database?.drop();
  });

  it('refuses anyone but an admin with a problem document', async () => {
    const anonymous = await fetch(`${server.url}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const individual = await fetch(`${server.url}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${await signedIn(false)}` },
    });
    expect(individual.status).toBe(403);
    const forged = await fetch(`${server.url}/admin/queues`, {
      headers: { authorization: `Bearer ${(await signedIn(true)).slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(403);
  });

  it('shows an admin the four queues and the outbox rows set aside, keeping the token in a cookie for the board’s own calls', async () => {
    const admin = await signedIn(true);
    const page = await fetch(`${server.url}/admin/queues?access_token=${admin}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    const queues = await fetch(`${server.url}/admin/queues/api/queues`, {
      headers: { cookie: cookie.split(';')[0] },
    });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual([
      'buddy-compatibility',
      'maintenance',
      'org-wellness',
      'outbox-set-aside',
      'webhooks',
    ]);
  });

  it('lists the outbox rows the relay set aside as failed jobs, with the reason', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO outbox_events (job_name, job_key, payload)
         VALUES ('orgs.recompute-welness', 'misspelt', '{"orgId": "x"}')`,
      );
      const setAside = async () =>
        (
          await client.query(
            `SELECT id FROM outbox_events WHERE job_key = 'misspelt' AND set_aside_at IS NOT NULL`,
          )
        ).rows;
      await waitFor('the relay to set the row aside', async () => (await setAside()).length > 0);
    } finally {
      await client.end();
    }
    const headers = { authorization: `Bearer ${await signedIn(true)}` };
    const listing = await fetch(
      `${server.url}/admin/queues/api/queues?activeQueue=outbox-set-aside&status=failed&page=1&jobsPerPage=10`,
      { headers },
    );
    expect(listing.status).toBe(200);
    const { queues } = (await listing.json()) as {
      queues: Array<{
        name: string;
        readOnlyMode: boolean;
        counts: { failed: number };
        jobs: Array<{ id: string }>;
      }>;
    };
    const outbox = queues.find((queue) => queue.name === 'outbox-set-aside')!;
    expect(outbox).toMatchObject({ readOnlyMode: true, counts: { failed: 1 } });
    expect(outbox.jobs).toEqual([
      expect.objectContaining({
        name: 'orgs.recompute-welness',
        data: { orgId: 'x' },
        failedReason: 'No job "orgs.recompute-welness" in the catalogue.',
        isFailed: true,
      }),
    ]);
    const job = await fetch(
      `${server.url}/admin/queues/api/queues/outbox-set-aside/${outbox.jobs[0].id}`,
      { headers },
    );
    expect(job.status).toBe(200);
    expect(await job.json()).toMatchObject({ status: 'failed' });
    // The board asks every queue about flows when it draws a job: this one answers it has none.
    const flow = await fetch(
      `${server.url}/admin/queues/api/queues/outbox-set-aside/${outbox.jobs[0].id}/flow`,
      { headers },
    );
    expect(flow.status).toBe(200);
    expect(await flow.json()).toMatchObject({ isFlowNode: false });
  });
});
