import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { PrismaService } from '../src/database/prisma.service.js';
import { orgWithMoods } from './factories/orgs.js';
import { ROOT } from './support/cli.js';
import { startTestApp, TEST_ENCRYPTION_KEYS, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

describe('the worker process (npm run start:worker)', () => {
  let t: TestApp;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await t?.close();
  });

  it('turns a mood entry made through the API into an updated organisation score', async () => {
    const prisma = t.app.get(PrismaService);
    const { org } = await orgWithMoods(t.app, prisma, {
      name: 'Globex',
      minGroupSize: 3,
      moodScores: [4, 7, 10],
    });
    // The API only queues: with no worker running, the score stays unset.
    await new Promise((resolveLater) => setTimeout(resolveLater, 3000));
    expect(
      (await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).wellnessScore,
    ).toBeNull();

    worker = spawn('node', [resolve(ROOT, 'dist/worker.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: t.database.url,
        REDIS_URL: t.config.REDIS_URL,
        QUEUE_PREFIX: t.config.QUEUE_PREFIX,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        ANONYMITY_KEY: t.config.ANONYMITY_KEY,
      },
      stdio: 'ignore',
    });
    const scored = await waitFor('the organisation score', async () => {
      const row = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
      return row.wellnessScore !== null && row;
    });
    // Moods 4, 7 and 10: (3/9 + 6/9 + 9/9) / 3 * 100 = 66.7, and no survey yet.
    expect(scored.wellnessScore).toBe(66.7);
    expect(await prisma.orgWellnessSnapshot.count({ where: { orgId: org.id } })).toBeGreaterThan(0);

    const exited = new Promise((resolveExit) => worker!.once('exit', resolveExit));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
