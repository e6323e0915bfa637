import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type RunningServer,
  startBuiltServer,
  stopBuiltServer as stop,
} from './support/built-server.js';

/** The built server with no DATABASE_URL and no REDIS_URL. */
function startServer(dataDir: string): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return startBuiltServer(env);
}

describe('npm start with no DATABASE_URL and no REDIS_URL (the embedded default)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mindfulme-embedded-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates its own PostgreSQL, serves, stops cleanly on SIGTERM and keeps its data', async () => {
    const first = await startServer(dataDir);
    try {
      expect(first.output()).toMatch(/applied \d{14}_init/);
      const health = await fetch(`${first.url}/health`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${first.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ details: { database: { status: 'up' } } });
      const docs = await fetch(`${first.url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
    } finally {
      expect(await stop(first)).toBe(0);
    }

    // Same DATA_DIR: the schema (and so the data) is still there, nothing is applied again.
    const second = await startServer(dataDir);
    try {
      expect(second.output()).toMatch(/schema up to date/);
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 120_000);
});
