import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './support/cli.js';

interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the built server as `npm start` does, with no DATABASE_URL and no REDIS_URL. */
function startServer(dataDir: string): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn('node', [resolve(ROOT, 'dist/main.js')], { cwd: ROOT, env });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function stop(server: RunningServer): Promise<number | null> {
  return new Promise((resolvePromise) => {
    server.child.on('exit', (code) => resolvePromise(code));
    server.child.kill('SIGTERM');
  });
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
