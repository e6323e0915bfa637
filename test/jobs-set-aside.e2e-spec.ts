import { randomUUID } from 'node:crypto';
import { DatabaseConnection } from '../src/database/database-connection.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { createTestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

const RECOMPUTE = 'orgs.recompute-wellness';

/**
 * A row the relay cannot route (a misspelt job name, a payload its job refuses) used to make
 * the relay throw and roll back its whole batch on every pass, so nothing behind it moved.
 */
describe('the outbox relay, given rows it cannot route', () => {
  let t: TestApp;
  let prisma: PrismaService;

  beforeAll(async () => {
    // Jobs in-process: the relay is the same with Redis, and the recomputes of organisations
    // that do not exist end at once.
    t = await startTestApp({ env: { REDIS_URL: '' } });
    prisma = t.app.get(PrismaService);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('relays the rows around them, sets them aside, and reports them in /health/ready', async () => {
    const good = [randomUUID(), randomUUID(), randomUUID()];
    // One statement: the relay sees the good rows and the bad ones in the same batch.
    await prisma.outboxEvent.createMany({
      data: [
        { jobName: RECOMPUTE, jobKey: good[0], payload: { orgId: good[0] } },
        { jobName: 'orgs.recompute-welness', jobKey: 'misspelt', payload: { orgId: good[1] } },
        { jobName: RECOMPUTE, jobKey: good[1], payload: { orgId: good[1] } },
        { jobName: RECOMPUTE, jobKey: 'refused', payload: { orgId: 'not an id' } },
        { jobName: RECOMPUTE, jobKey: good[2], payload: { orgId: good[2] } },
      ],
    });

    await waitFor('the good rows to be relayed', async () => {
      const relayed = await prisma.outboxEvent.count({
        where: { jobKey: { in: good }, relayedAt: { not: null } },
      });
      return relayed === good.length;
    });
    const bad = await prisma.$queryRaw<Array<{ jobKey: string; relayed: boolean; reason: string }>>`
      SELECT job_key AS "jobKey", relayed_at IS NOT NULL AS relayed, set_aside_reason AS reason
        FROM outbox_events
       WHERE set_aside_at IS NOT NULL
       ORDER BY job_key`;
    expect(bad).toEqual([
      { jobKey: 'misspelt', relayed: false, reason: expect.stringMatching(/recompute-welness/) },
      { jobKey: 'refused', relayed: false, reason: expect.stringMatching(/orgId/) },
    ]);

    // Reported, not a reason to take the process out of service: restarting would not help.
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().details.outbox).toEqual({
      status: 'up',
      setAside: 2,
      setAsideByJob: { 'orgs.recompute-welness': 1, [RECOMPUTE]: 1 },
    });
  });

  it('gives rows set aside under a name it knows another pass when it starts', async () => {
    // As an older version leaves them: set aside under a name it did not know yet.
    const database = await createTestDatabase();
    const orgId = randomUUID();
    const seed = new PrismaService(new DatabaseConnection(database.url));
    const reason = (name: string) => `No job "${name}" in the catalogue.`;
    await seed.outboxEvent.createMany({
      data: [
        {
          jobName: RECOMPUTE,
          jobKey: orgId,
          payload: { orgId },
          setAsideAt: new Date(),
          setAsideReason: reason(RECOMPUTE),
        },
        {
          jobName: 'orgs.from-the-future',
          jobKey: orgId,
          payload: { orgId },
          setAsideAt: new Date(),
          setAsideReason: reason('orgs.from-the-future'),
        },
      ],
    });
    await seed.$disconnect();

    const restarted = await startTestApp({ env: { REDIS_URL: '' }, database });
    try {
      const rows = restarted.app.get(PrismaService).outboxEvent;
      await waitFor('the row of a known job to be relayed', () =>
        rows.count({ where: { jobName: RECOMPUTE, relayedAt: { not: null } } }),
      );
      expect(
        await rows.findMany({
          where: { setAsideAt: { not: null } },
          select: { jobName: true, relayedAt: true },
        }),
      ).toEqual([{ jobName: 'orgs.from-the-future', relayedAt: null }]);
    } finally {
      await restarted.close();
      await database.drop();
    }
  });
});
