import { PrismaService } from '../src/database/prisma.service.js';
import { orgWithMoods } from './factories/orgs.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

/**
 * By default (WORKERS=embedded) one API process with Redis also consumes the queues: an
 * operator who starts only `npm start` still gets scores computed. worker.e2e-spec.ts covers
 * the other arrangement (WORKERS=none and `npm run start:worker`).
 */
describe('WORKERS=embedded: the API process consumes its own queues', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { WORKERS: 'embedded' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('turns mood entries into an organisation score with no worker process', async () => {
    const prisma = t.app.get(PrismaService);
    const { org } = await orgWithMoods(t.app, prisma, {
      name: 'Initech',
      minGroupSize: 3,
      moodScores: [4, 7, 10],
    });
    const scored = await waitFor('the organisation score', async () => {
      const row = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
      return row.wellnessScore !== null && row;
    });
    // Moods 4, 7 and 10: (3/9 + 6/9 + 9/9) / 3 * 100 = 66.7.
    expect(scored.wellnessScore).toBe(66.7);
  }, 60_000);

  it('says in readiness who consumes the queues, and that this process does', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    const redis = ready.json().details.redis;
    expect(redis.workers).toMatch(/^embedded/);
    for (const queue of Object.values(redis.queues) as Array<{ consumers: number }>) {
      expect(queue.consumers).toBeGreaterThanOrEqual(1);
    }
  });
});
