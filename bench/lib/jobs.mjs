// The job measurements: each in a fresh worker-like process (bench/jobs/time-jobs.mjs).
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import pg from 'pg';
import { APP_DIST, ROOT } from './config.mjs';
import { runNode } from './processes.mjs';

const TIME_JOBS = fileURLToPath(new URL('../jobs/time-jobs.mjs', import.meta.url));
/** The job process's connections carry this name, so a pass cut short can be cancelled. */
const APPLICATION_NAME = 'mm_bench_jobs';
/** BuddyCandidatesService.OWNERS_PER_WRITE: the full pass writes this many people's lists at a time. */
export const OWNERS_PER_BATCH = 500;

function withApplicationName(url) {
  const named = new URL(url);
  named.searchParams.set('application_name', APPLICATION_NAME);
  return named.toString();
}

/** Runs `runs` ([{ label, job, data, repeat }]) and answers [{ label, job, millis }]. */
export async function timeJobs(appEnv, runs, options = {}) {
  const request = {
    dist: APP_DIST,
    env: { ...appEnv, DATABASE_URL: withApplicationName(appEnv.DATABASE_URL), LOG_LEVEL: 'warn' },
    quiet: options.quiet ?? false,
    runs,
  };
  const stdout = await runNode([TIME_JOBS, JSON.stringify(request)], {
    cwd: ROOT,
    env: process.env,
    onStart: options.onStart,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)).results;
}

/**
 * The full buddy pass (`buddies.recompute-all`) over `optedIn` profiles. The pass writes one
 * batch of lists per transaction, so its progress is visible from outside; when it has not
 * finished after `budgetMs`, it is stopped (its open batch rolls back) and its duration
 * extrapolated from the share of lists it wrote, batches being alike (owners go in id order,
 * which is unrelated to what they are like).
 */
export async function timeBuddyPass(appEnv, optedIn, budgetMs) {
  const db = new pg.Client({ connectionString: appEnv.DATABASE_URL });
  await db.connect();
  let child;
  let finished = false;
  try {
    const {
      rows: [{ now: passStart }],
    } = await db.query('SELECT now()');
    const started = performance.now();
    const pass = timeJobs(
      appEnv,
      [{ label: 'buddies.recompute-all', job: 'buddies.recompute-all' }],
      {
        onStart: (spawned) => (child = spawned),
        quiet: true,
      },
    ).then(
      (results) => {
        finished = true;
        return results;
      },
      (error) => {
        finished = true;
        throw error;
      },
    );
    // Each batch's lists carry its transaction's start time; a batch shows once it commits.
    const progress = async () => {
      const { rows } = await db.query(
        `SELECT count(DISTINCT user_id)::int AS done, min(created_at) AS "firstBatchAt", now() AS at
           FROM buddy_candidates WHERE created_at >= $1`,
        [passStart],
      );
      return rows[0];
    };
    let last = { done: 0 };
    while (!finished && performance.now() - started < budgetMs) {
      await sleep(2000);
      const now = await progress();
      if (now.done !== last.done) last = now;
    }
    if (finished) {
      const [result] = await pass;
      return { millis: result.millis[0], measured: true, optedIn };
    }
    const elapsed = performance.now() - started;
    process.kill(child.pid, 'SIGKILL');
    await pass.catch(() => undefined);
    // A killed client's statement would otherwise run on inside PostgreSQL.
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = $1 AND datname = current_database()`,
      [APPLICATION_NAME],
    );
    // From the first batch's start to the poll that saw the last commit: a little long, by up
    // to one poll, and without the pass's short preamble (hours refresh, orphan lists).
    const spent = last.done > 0 ? last.at.getTime() - last.firstBatchAt.getTime() : null;
    return {
      millis: spent === null ? null : Math.round((spent * optedIn) / last.done),
      // Not one batch done: each takes longer than the wait, so the pass at least that many times.
      lowerBoundMillis:
        spent === null ? Math.round(elapsed * Math.ceil(optedIn / OWNERS_PER_BATCH)) : null,
      measured: false,
      listsDone: last.done,
      elapsedMillis: Math.round(elapsed),
      perBatchMillis: spent === null ? null : Math.round((spent * OWNERS_PER_BATCH) / last.done),
      optedIn,
    };
  } finally {
    await db.end();
  }
}
