import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { startBuiltServer, stopBuiltServer } from './support/built-server.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { TEST_ENCRYPTION_KEYS, TEST_REDIS_URL } from './support/test-app.js';
import { waitFor } from './support/wait-for.js';

/** GET over a connection of its own, so that the primary hands each to the next process. */
function readiness(url: string): Promise<{ status: number; workers: string }> {
  return new Promise((resolve, reject) => {
    get(`${url}/health/ready`, { agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        const parsed = JSON.parse(body) as { info?: { redis?: { workers?: string } } };
        resolve({ status: response.statusCode ?? 0, workers: parsed.info?.redis?.workers ?? '' });
      });
    }).on('error', reject);
  });
}

const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run start:prod: the cluster primary (built server)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('serves from two processes on one port, replaces one that dies, and stops both on SIGTERM', async () => {
    const server = await startBuiltServer(
      {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'info',
        WEB_CONCURRENCY: '2',
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: `mm_test_cluster_${Date.now().toString(36)}`,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        SHUTDOWN_TIMEOUT_MS: '10000',
      },
      { entry: 'dist/cluster.js', listening: /2 processes listening on (http:\/\/[\d.:]+)/ },
    );
    const primary = server.child.pid!;
    try {
      const workers = childrenOf(primary);
      expect(workers).toHaveLength(2);
      for (const pid of workers)
        expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('--heap-growing-percent=30');

      // Connections alternate between the two: the first consumes the queues, the other only queues.
      const answers = await Promise.all(Array.from({ length: 6 }, () => readiness(server.url)));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      expect(new Set(answers.map((answer) => answer.workers.split(':')[0]))).toEqual(
        new Set(['embedded', 'none']),
      );

      // A process that dies is replaced, in the same role, and the port keeps answering.
      process.kill(workers[1], 'SIGKILL');
      await waitFor('a replacement process', () => /starting another/.test(server.output()));
      const replaced = await waitFor('the replacement listening', () => {
        const now = childrenOf(primary);
        return (
          now.length === 2 &&
          !now.includes(workers[1]) &&
          /listening again/.test(server.output()) &&
          now
        );
      });
      expect(replaced).toContain(workers[0]);
      const after = await Promise.all(Array.from({ length: 6 }, () => readiness(server.url)));
      expect(after.every((answer) => answer.status === 200)).toBe(true);
      expect(after.filter((answer) => answer.workers.startsWith('embedded')).length).toBeLessThan(
        6,
      );

      // SIGTERM to the primary drains both and exits 0, leaving no process behind.
      const current = childrenOf(primary);
      expect(await stopBuiltServer(server)).toBe(0);
      expect(current.filter(isRunning)).toEqual([]);
    } finally {
      if (isRunning(primary)) process.kill(primary, 'SIGKILL');
    }
  }, 90_000);
});
