import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../src/config/config.module.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { DatabaseConnection } from '../src/database/database-connection.js';
import { PrismaService } from '../src/database/prisma.service.js';
import { declareJob } from '../src/jobs/job-catalogue.js';
import { fieldsOf } from '../src/jobs/job-payload.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { JobRunner } from '../src/jobs/job-runner.js';
import { Outbox } from '../src/jobs/outbox.js';
import { JobsModule } from '../src/jobs/jobs.module.js';
import { PrivateRedis } from './support/private-redis.js';
import { bearer, register } from './support/auth-helpers.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, testConfig } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

declare module '../src/jobs/job-catalogue.js' {
  interface JobCatalogue {
    'test.record': { n: number; failFirst?: boolean };
    'test.keyed': { orgId: string };
    'test.slow': { n: number };
  }
}

/** Jobs that record their runs: `test.record` (plain) and `test.keyed` (one key per org, slow). */
const TEST_JOBS = [
  declareJob('test.record', {
    queue: 'maintenance',
    attempts: 2,
    parse: (data) => fieldsOf(data) as { n: number; failFirst?: boolean },
  }),
  declareJob('test.keyed', {
    queue: 'org-wellness',
    key: ({ orgId }) => orgId,
    coalesceMs: 2000,
    parse: (data) => fieldsOf(data) as { orgId: string },
  }),
  declareJob('test.slow', {
    queue: 'maintenance',
    attempts: 3,
    parse: (data) => fieldsOf(data) as { n: number },
  }),
];

interface Run {
  n: unknown;
  started: number;
  finished?: number;
}

@Injectable()
class RecordingJobs implements OnModuleInit {
  static runs: Run[] = [];
  static attempts = 0;

  constructor(private readonly registry: JobRegistry) {}

  onModuleInit(): void {
    this.registry.handle('test.record', async (data) => {
      RecordingJobs.attempts++;
      if (data.failFirst && RecordingJobs.attempts === 1) throw new Error('first attempt fails');
      RecordingJobs.runs.push({ n: data.n, started: Date.now(), finished: Date.now() });
    });
    this.registry.handle('test.keyed', async (data) => {
      const run: Run = { n: data.orgId, started: Date.now() };
      RecordingJobs.runs.push(run);
      await new Promise((resolve) => setTimeout(resolve, 200));
      run.finished = Date.now();
    });
    this.registry.handle('test.slow', async (data) => {
      RecordingJobs.runs.push({ n: data.n, started: Date.now(), finished: Date.now() });
    });
  }
}

@Module({ imports: [JobsModule.forFeature(TEST_JOBS)], providers: [RecordingJobs] })
class RecordingModule {}

/** Two runs of one key overlapping in time: what deduplication must prevent. */
function overlapping(runs: Run[]): boolean {
  const sorted = [...runs].sort((a, b) => a.started - b.started);
  return sorted.some((run, i) => i > 0 && run.started < (sorted[i - 1].finished ?? Infinity));
}

describe('background jobs', () => {
  let database: TestDatabase;
  const contexts: INestApplicationContext[] = [];

  async function context(env: Record<string, string>, consume: boolean) {
    const config = testConfig(env);
    const app = await NestFactory.createApplicationContext(
      {
        module: class JobsTestModule {},
        imports: [
          ConfigModule.forRoot(config),
          DatabaseModule.forRoot(database.url),
          JobsModule.forRoot(config, { consume }),
          RecordingModule,
        ],
      },
      { logger: false },
    );
    await app.init();
    contexts.push(app);
    return app;
  }

  /** Writes `count` outbox events for one key, each in a transaction of its own, at once. */
  async function burst(app: INestApplicationContext, count: number, orgId: string) {
    const prisma = app.get(PrismaService);
    const outbox = app.get(Outbox);
    await Promise.all(
      Array.from({ length: count }, () =>
        prisma.$transaction((tx) => outbox.add(tx, 'test.keyed', orgId, { orgId })),
      ),
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  beforeEach(() => {
    RecordingJobs.runs = [];
    RecordingJobs.attempts = 0;
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('run in-process, with retries and the same deduplication, when no Redis is configured', async () => {
    const app = await context({ REDIS_URL: '' }, false);
    await app.get(JobRunner).enqueue('test.record', { n: 1, failFirst: true });
    await waitFor('the jobs', () => RecordingJobs.runs.length === 1);
    expect(RecordingJobs.runs[0].n).toBe(1);
    expect(RecordingJobs.attempts).toBe(2);

    RecordingJobs.runs = [];
    const orgId = randomBytes(8).toString('hex');
    await burst(app, 100, orgId);
    await waitFor(
      'the jobs',
      async () => (await pendingOutbox(app)) === 0 && RecordingJobs.runs.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(RecordingJobs.runs.length).toBeLessThanOrEqual(2);
    expect(overlapping(RecordingJobs.runs)).toBe(false);
  }, 30_000);

  it('go through Redis from a producer to a separately started worker with the same handlers', async () => {
    const prefix = `mm_test_jobs_${randomBytes(4).toString('hex')}`;
    const producer = await context({ QUEUE_PREFIX: prefix }, false);
    await context({ QUEUE_PREFIX: prefix }, true);
    await producer.get(JobRunner).enqueue('test.record', { n: 2 });
    await waitFor('the jobs', () => RecordingJobs.runs.length === 1);
    expect(RecordingJobs.runs[0].n).toBe(2);
  }, 30_000);

  it('turn a burst of 100 events for one organisation into at most two runs, never two at once, across two workers', async () => {
    const prefix = `mm_test_jobs_${randomBytes(4).toString('hex')}`;
    const api = await context({ QUEUE_PREFIX: prefix }, false);
    await context({ QUEUE_PREFIX: prefix }, true);
    await context({ QUEUE_PREFIX: prefix }, true);
    const orgId = randomBytes(8).toString('hex');
    await burst(api, 100, orgId);
    await waitFor(
      'the jobs',
      async () => (await pendingOutbox(api)) === 0 && RecordingJobs.runs.length > 0,
    );
    await waitFor('the jobs', () => RecordingJobs.runs.every((run) => run.finished));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(RecordingJobs.runs.length).toBeGreaterThanOrEqual(1);
    expect(RecordingJobs.runs.length).toBeLessThanOrEqual(2);
    expect(overlapping(RecordingJobs.runs)).toBe(false);

    // Events that keep coming while a run is in progress: still never two runs at once.
    RecordingJobs.runs = [];
    for (let round = 0; round < 6; round++) {
      await burst(api, 5, orgId);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await waitFor('the jobs', async () => (await pendingOutbox(api)) === 0);
    await waitFor(
      'the jobs',
      () => RecordingJobs.runs.length > 0 && RecordingJobs.runs.every((r) => r.finished),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(overlapping(RecordingJobs.runs)).toBe(false);
  }, 60_000);

  it('relay events committed by a process that died before enqueueing them', async () => {
    // As left by a crash between commit and enqueue: outbox rows nobody handed over.
    const orgId = randomBytes(8).toString('hex');
    const seed = new PrismaService(new DatabaseConnection(database.url));
    await seed.outboxEvent.createMany({
      data: [1, 2, 3].map(() => ({ jobName: 'test.keyed', jobKey: orgId, payload: { orgId } })),
    });
    await seed.$disconnect();
    const prefix = `mm_test_jobs_${randomBytes(4).toString('hex')}`;
    const restarted = await context({ QUEUE_PREFIX: prefix }, true);
    await waitFor('the jobs', () =>
      RecordingJobs.runs.some((run) => run.n === orgId && run.finished),
    );
    expect(await pendingOutbox(restarted)).toBe(0);
  }, 30_000);

  it('retry on another worker a job whose worker was killed mid-job', async () => {
    const prefix = `mm_test_jobs_${randomBytes(4).toString('hex')}`;
    const child = spawn('node', ['test/support/slow-job-worker.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: database.url,
        REDIS_URL: testConfig().REDIS_URL ?? '',
        QUEUE_PREFIX: prefix,
        JOB_LOCK_DURATION_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const seen: string[] = [];
    lines.on('line', (line) => seen.push(line));
    try {
      await waitFor('the jobs', () => seen.includes('ready'));
      const producer = await context({ QUEUE_PREFIX: prefix }, false);
      await producer.get(JobRunner).enqueue('test.slow', { n: 7 });
      await waitFor('the jobs', () => seen.includes('started 7'));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      expect(RecordingJobs.runs).toEqual([]);
      // Another worker takes the job over once the dead one's lock lapses.
      await context({ QUEUE_PREFIX: prefix }, true);
      await waitFor('the jobs', () => RecordingJobs.runs.some((run) => run.n === 7), 20_000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);

  it('refuse to start when a job of the catalogue has no handler', async () => {
    const config = testConfig({ REDIS_URL: '' });
    const incomplete = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database.url),
        JobsModule.forRoot(config, { consume: false }),
        JobsModule.forFeature(TEST_JOBS),
      ],
    }).compile();
    try {
      await expect(incomplete.init()).rejects.toThrow(
        /no handler is registered for test\.record, test\.keyed, test\.slow/,
      );
    } finally {
      await incomplete.close();
    }
  });

  it('refuses to queue a job that has no handler', async () => {
    const app = await context({ REDIS_URL: '' }, false);
    // @ts-expect-error a name in no catalogue does not compile either
    await expect(app.get(JobRunner).enqueue('test.unknown', {})).rejects.toThrow(/No handler/);
  });
});

describe('with Redis stopped', () => {
  it('the API keeps serving, reports not ready, and the pending work completes once Redis is back', async () => {
    const redis = await PrivateRedis.start();
    const prefix = `mm_test_jobs_${randomBytes(4).toString('hex')}`;
    const t = await startTestApp({
      env: { REDIS_URL: redis.url, QUEUE_PREFIX: prefix },
      extraModules: [RecordingModule],
    });
    let worker: INestApplicationContext | undefined;
    try {
      const ana = await register(t.app, 'ana');
      const up = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(up.statusCode).toBe(200);
      // Operators see each queue's depth and failures in the readiness detail.
      expect(up.json().details.redis.queues['org-wellness']).toMatchObject({
        waiting: expect.any(Number),
        active: expect.any(Number),
        failed: expect.any(Number),
        completed: expect.any(Number),
      });
      await redis.stop();

      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toMatch(/application\/problem\+json/);
      const me = await t.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: bearer(ana.accessToken),
      });
      expect(me.statusCode).toBe(200);
      const mood = await t.app.inject({
        method: 'POST',
        url: '/v1/mood',
        headers: bearer(ana.accessToken),
        payload: { moodScore: 6 },
      });
      expect(mood.statusCode).toBe(201);
      // Work caused while Redis is down waits in the outbox.
      const prisma = t.app.get(PrismaService);
      const orgId = randomBytes(8).toString('hex');
      await prisma.$transaction((tx) => t.app.get(Outbox).add(tx, 'test.keyed', orgId, { orgId }));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await prisma.outboxEvent.count({ where: { jobKey: orgId, relayedAt: null } })).toBe(1);

      await redis.resume();
      const config = testConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix });
      worker = await NestFactory.createApplicationContext(
        {
          module: class RecoveredWorker {},
          imports: [
            ConfigModule.forRoot(config),
            DatabaseModule.forRoot(t.database.url),
            JobsModule.forRoot(config, { consume: true }),
            RecordingModule,
          ],
        },
        { logger: false },
      );
      await worker.init();
      await waitFor(
        'the jobs',
        () => RecordingJobs.runs.some((run) => run.n === orgId && run.finished),
        20_000,
      );
      await waitFor(
        'the jobs',
        async () =>
          (await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200,
      );
    } finally {
      await worker?.close();
      await t.close();
      await redis.destroy();
    }
  }, 60_000);
});

async function pendingOutbox(app: INestApplicationContext): Promise<number> {
  return app.get(PrismaService).outboxEvent.count({ where: { relayedAt: null } });
}
