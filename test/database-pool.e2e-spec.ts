import { bearer, register } from './support/auth-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { withAdmin } from './support/test-database.js';

// Under `npm run start:prod` several processes share PostgreSQL's connections, so one process
// must hold no more than DATABASE_POOL_SIZE, however many requests arrive at once: Prisma and
// the hot routes' statements share one pool.
describe('the PostgreSQL pool of a process', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '2' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('holds at most DATABASE_POOL_SIZE connections under a burst of requests', async () => {
    const ana = await register(t.app, 'ana');
    const as = { headers: bearer(ana.accessToken) };
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? t.app.inject({ method: 'POST', url: '/v1/mood', payload: { moodScore: 5 }, ...as })
          : t.app.inject({
              method: 'GET',
              url: i % 3 === 1 ? '/v1/mood/stats' : '/v1/mood',
              ...as,
            }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).filter((status) => status >= 300)).toEqual(
      [],
    );
    // The pool keeps its connections open for a while after the burst: they are all still there.
    const open = await withAdmin(async (client) => {
      const { rows } = await client.query<{ open: number }>(
        'SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1',
        [t.database.name],
      );
      return rows[0].open;
    });
    expect(open).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(2);
  });
});
