import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '../src/config/config.module.js';
import { JobRegistry } from '../src/jobs/job-registry.js';
import { JobRunner } from '../src/jobs/job-runner.js';
import { JobsModule } from '../src/jobs/jobs.module.js';
import { testConfig } from './support/test-app.js';

/** A job that records what it was given, and fails its first attempt when asked to. */
@Injectable()
class RecordingJob implements OnModuleInit {
  static seen: Array<{ pid: number; data: Record<string, unknown> }> = [];
  static attempts = 0;

  constructor(private readonly registry: JobRegistry) {}

  onModuleInit(): void {
    this.registry.register<Record<string, unknown>>({
      name: 'test.record',
      attempts: 2,
      handle: async (data) => {
        RecordingJob.attempts++;
        if (data.failFirst && RecordingJob.attempts === 1) throw new Error('first attempt fails');
        RecordingJob.seen.push({ pid: process.pid, data });
      },
    });
  }
}

@Module({ providers: [RecordingJob] })
class RecordingModule {}

async function context(
  env: Record<string, string>,
  consume: boolean,
): Promise<INestApplicationContext> {
  const config = testConfig(env);
  const app = await NestFactory.createApplicationContext(
    {
      module: class JobsTestModule {},
      imports: [ConfigModule.forRoot(config), JobsModule.forRoot({ consume }), RecordingModule],
    },
    { logger: false },
  );
  await app.init();
  return app;
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('background jobs', () => {
  beforeEach(() => {
    RecordingJob.seen = [];
    RecordingJob.attempts = 0;
  });

  it('run in-process, with retries, when no Redis is configured', async () => {
    const app = await context({ REDIS_URL: '' }, false);
    try {
      await app.get(JobRunner).enqueue('test.record', { n: 1, failFirst: true });
      await until(() => RecordingJob.seen.length === 1);
      expect(RecordingJob.seen[0].data).toEqual({ n: 1, failFirst: true });
      expect(RecordingJob.attempts).toBe(2);
    } finally {
      await app.close();
    }
  }, 20_000);

  it('go through Redis from a producer to a separate consumer with the same handlers', async () => {
    const prefix = `mm_test_jobs_${Date.now()}`;
    const producer = await context({ QUEUE_PREFIX: prefix }, false);
    const worker = await context({ QUEUE_PREFIX: prefix }, true);
    try {
      await producer.get(JobRunner).enqueue('test.record', { n: 2 });
      await until(() => RecordingJob.seen.length === 1);
      expect(RecordingJob.seen[0].data).toEqual({ n: 2 });
    } finally {
      await producer.close();
      await worker.close();
    }
  }, 20_000);

  it('refuses to queue a job that has no handler', async () => {
    const app = await context({ REDIS_URL: '' }, false);
    try {
      await expect(app.get(JobRunner).enqueue('test.unknown')).rejects.toThrow(/No handler/);
    } finally {
      await app.close();
    }
  });
});
