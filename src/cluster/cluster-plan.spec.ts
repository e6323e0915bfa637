import { ClusterConfigError, planCluster } from './cluster-plan.js';

const DATABASE_URL = 'postgresql://app@db/app';
const REDIS_URL = 'redis://queue:6379';

describe('planCluster', () => {
  it('runs one API process per core unless WEB_CONCURRENCY says how many', () => {
    expect(planCluster({ DATABASE_URL }, 4).processes).toBe(4);
    expect(planCluster({ DATABASE_URL, WEB_CONCURRENCY: '3' }, 4).processes).toBe(3);
    expect(planCluster({ DATABASE_URL, WEB_CONCURRENCY: ' ' }, 2).processes).toBe(2);
  });

  it.each(['0', '-1', '1.5', 'many'])('refuses WEB_CONCURRENCY=%s', (value) => {
    expect(() => planCluster({ DATABASE_URL, WEB_CONCURRENCY: value }, 2)).toThrow(
      ClusterConfigError,
    );
  });

  it('runs one process on the embedded PostgreSQL, which belongs to the process that starts it', () => {
    const plan = planCluster({ WEB_CONCURRENCY: '4' }, 4);
    expect(plan.processes).toBe(1);
    expect(plan.notes.join(' ')).toContain('embedded PostgreSQL');
  });

  it('lets only the first process consume the queues in Redis', () => {
    const plan = planCluster({ DATABASE_URL, REDIS_URL }, 3);
    expect([0, 1, 2].map((slot) => plan.slotEnv(slot))).toEqual([
      {},
      { WORKERS: 'none' },
      { WORKERS: 'none' },
    ]);
    expect(plan.notes.join(' ')).toContain('API process 1 consumes the queues');
  });

  it('leaves WORKERS=none to every process, and says the jobs wait for a worker', () => {
    const plan = planCluster({ DATABASE_URL, REDIS_URL, WORKERS: 'none' }, 2);
    expect(plan.slotEnv(0)).toEqual({});
    expect(plan.notes.join(' ')).toContain('npm run start:worker');
  });

  it('runs jobs in every process without Redis: each runs what its own relay hands it', () => {
    const plan = planCluster({ DATABASE_URL }, 2);
    expect(plan.slotEnv(1)).toEqual({});
    expect(plan.notes.join(' ')).toContain('No REDIS_URL');
  });

  it('gives every process the same signing key outside production when none is set', () => {
    const plan = planCluster({ DATABASE_URL, NODE_ENV: 'development' }, 2);
    expect(plan.sharedEnv.JWT_SECRET).toMatch(/^[\w-]{64}$/);
    expect(planCluster({ DATABASE_URL, NODE_ENV: 'production' }, 2).sharedEnv).toEqual({});
    expect(planCluster({ DATABASE_URL, JWT_SECRET: 'x'.repeat(32) }, 2).sharedEnv).toEqual({});
  });

  it('shares PostgreSQL connections among the processes unless DATABASE_POOL_SIZE is set', () => {
    // Four processes keep the single process's 20 each (80); eight get 10 each.
    expect(planCluster({ DATABASE_URL }, 4).sharedEnv.DATABASE_POOL_SIZE).toBeUndefined();
    const eight = planCluster({ DATABASE_URL, JWT_SECRET: 'x'.repeat(32) }, 8);
    expect(eight.sharedEnv).toEqual({ DATABASE_POOL_SIZE: '10' });
    expect(eight.notes.join(' ')).toContain('80 in all');
    expect(planCluster({ DATABASE_URL }, 64).sharedEnv.DATABASE_POOL_SIZE).toBe('2');
    const chosen = planCluster({ DATABASE_URL, DATABASE_POOL_SIZE: '30' }, 8);
    expect(chosen.sharedEnv.DATABASE_POOL_SIZE).toBeUndefined();
  });
});
