import { randomBytes } from 'node:crypto';
import { DEFAULT_POOL_SIZE } from '../database/database-connection.js';

/**
 * PostgreSQL connections the API processes share when DATABASE_POOL_SIZE is not set: 80 of the
 * default `max_connections` (100), leaving room for a worker, migrations and an operator's psql.
 */
export const CLUSTER_CONNECTION_BUDGET = 80;

/** What the cluster primary starts: how many API processes, and each one's environment. */
export interface ClusterPlan {
  processes: number;
  /** Variables every API process gets on top of the primary's own. */
  sharedEnv: Record<string, string>;
  /** Variables of the process in `slot` (0 is the first started, the queue consumer). */
  slotEnv(slot: number): Record<string, string>;
  /** What the primary says at start about the arrangement it chose. */
  notes: string[];
}

export class ClusterConfigError extends Error {}

/**
 * One API process per core unless WEB_CONCURRENCY says how many. Whatever one process keeps to
 * itself is arranged here so that N processes behave as one service:
 * - the embedded PostgreSQL (no DATABASE_URL) belongs to the process that starts it: one process;
 * - outside production without JWT_SECRET each process would sign with a random key of its own,
 *   and a token from one would be refused by the next: the primary makes one key for all;
 * - PostgreSQL's connections are shared: unless DATABASE_POOL_SIZE is set, each process's pool
 *   gets an equal part of CLUSTER_CONNECTION_BUDGET (at most the single-process 20, at least 2);
 * - with Redis and WORKERS=embedded only the first process consumes the queues, the others only
 *   queue. Jobs wait in Redis while it restarts (a job it was running is taken over once its lock
 *   lapses), and a recompute or buddy pass takes at most that process's core from the requests.
 */
export function planCluster(env: NodeJS.ProcessEnv, cores: number): ClusterPlan {
  const notes: string[] = [];
  let processes = cores;
  if (env.WEB_CONCURRENCY?.trim()) {
    processes = Number(env.WEB_CONCURRENCY);
    if (!Number.isInteger(processes) || processes < 1)
      throw new ClusterConfigError(
        `WEB_CONCURRENCY must be a whole number of API processes, 1 or more (got ${JSON.stringify(env.WEB_CONCURRENCY)})`,
      );
  }
  if (!env.DATABASE_URL?.trim() && processes > 1) {
    notes.push('No DATABASE_URL: the embedded PostgreSQL serves one API process, so one runs.');
    processes = 1;
  }
  const sharedEnv: Record<string, string> = {};
  if (!env.JWT_SECRET?.trim() && env.NODE_ENV !== 'production' && processes > 1) {
    sharedEnv.JWT_SECRET = randomBytes(48).toString('base64url');
    notes.push(
      'JWT_SECRET is not set: the API processes share a random key; sessions end when the primary restarts.',
    );
  }
  if (!env.DATABASE_POOL_SIZE?.trim() && processes > 1) {
    const poolSize = Math.max(
      2,
      Math.min(DEFAULT_POOL_SIZE, Math.floor(CLUSTER_CONNECTION_BUDGET / processes)),
    );
    if (poolSize < DEFAULT_POOL_SIZE) {
      sharedEnv.DATABASE_POOL_SIZE = String(poolSize);
      notes.push(
        `DATABASE_POOL_SIZE is not set: each of the ${processes} API processes holds up to ${poolSize} ` +
          `PostgreSQL connections (${poolSize * processes} in all).`,
      );
    }
  }
  const queuesInRedis = Boolean(env.REDIS_URL?.trim());
  const consumes = queuesInRedis && (env.WORKERS ?? 'embedded') !== 'none';
  if (consumes && processes > 1)
    notes.push(
      `API process 1 consumes the queues (WORKERS=embedded); the other ${processes - 1} only queue jobs.`,
    );
  else if (queuesInRedis && !consumes)
    notes.push(
      'WORKERS=none: the API processes only queue jobs; scores, buddy suggestions and webhooks ' +
        'wait in Redis until `npm run start:worker` runs.',
    );
  else if (!queuesInRedis && processes > 1)
    notes.push(
      'No REDIS_URL: each API process runs the jobs its own outbox relay hands it, in-process.',
    );
  return {
    processes,
    sharedEnv,
    slotEnv: (slot): Record<string, string> => (consumes && slot > 0 ? { WORKERS: 'none' } : {}),
    notes,
  };
}
