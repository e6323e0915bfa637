// `npm run bench`: builds the app, creates and seeds a database of its own, starts the API in
// production mode beside the bare baseline, drives both with autocannon from another process,
// times the heavy jobs inside a worker-like process, and writes bench/results/latest.json and
// the tables of bench/README.md. Whatever happens, it stops what it started (by pid), drops its
// database and removes its Redis keys.
//
// Options: --skip-build (reuse bench/.build), --keep-db (leave the database for EXPLAIN),
// --only=<scenario,...> (HTTP scenarios to run), --skip-jobs, --skip-cluster (no run of
// `npm run start:prod`), --cpu-prof (profile the API during the HTTP scenarios; results go to
// results/profiles/, not to the README). A partial run (--only, --skip-jobs, --skip-cluster or
// BENCH_SCALE other than 1) writes latest.json and leaves the README's tables alone.
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  APP_DIST,
  appEnvironment,
  BUILD_DIR,
  LOAD,
  PASSWORD,
  REDIS_URL,
  RESULTS_DIR,
  ROOT,
  SCALE,
  serverRuntime,
} from './lib/config.mjs';
import { createDatabase, dropDatabase, migrate } from './lib/database.mjs';
import { runClusterScenarios, runHttpScenarios } from './lib/http.mjs';
import { runJobScenarios } from './lib/job-scenarios.mjs';
import { timeJobs } from './lib/jobs.mjs';
import {
  residentMemory,
  runCommand,
  startServer,
  stop,
  stopAll,
  treeMemory,
} from './lib/processes.mjs';
import { evaluateTargets, median, writeResults } from './lib/report.mjs';
import { seedAll, vacuumAnalyze } from './seed/seed.mjs';
import { summariseProfiles } from './tools/profile-summary.mjs';

const { values: options } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'skip-jobs': { type: 'boolean', default: false },
    'skip-cluster': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

const runStarted = performance.now();
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const runId = `mm_bench_${stamp}`;
const log = (line) => console.log(line);
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const BUDDY_PASS_BUDGET_MS = Number(process.env.BENCH_BUDDY_BUDGET_S ?? 90) * 1000;

async function step(title, work) {
  const started = performance.now();
  log(`\n▸ ${title}`);
  const result = await work();
  log(`  done in ${seconds(started)}`);
  return result;
}

/** The app built into bench/.build/dist with the same compiler and plugins as `npm run build`. */
async function buildApp() {
  // A fresh clone has no generated Prisma client yet; this checkout's is left alone.
  if (!existsSync(`${ROOT}/src/generated/prisma/client.ts`))
    await runCommand('npm', ['run', 'prisma:generate', '--silent'], { cwd: ROOT });
  await runCommand('npx', ['nest', 'build', '-p', 'bench/tsconfig.build.json'], { cwd: ROOT });
  // The built code finds prisma/ and package.json one level above itself, as dist/ does.
  for (const entry of ['prisma', 'package.json']) {
    await rm(`${BUILD_DIR}/${entry}`, { force: true });
    await symlink(`../../${entry}`, `${BUILD_DIR}/${entry}`);
  }
}

async function seedDatabase(url, appEnv) {
  const load = (path) => import(pathToFileURL(`${APP_DIST}/${path}`).href);
  const { hashPassword } = await load('auth/passwords.js');
  const { FieldCipher } = await load('common/crypto/field-cipher.js');
  const { parseKeyRing } = await load('common/crypto/key-ring.js');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    // One argon2id hash with the app's parameters, shared by every seeded person.
    const passwordHash = await hashPassword(PASSWORD);
    const cipher = new FieldCipher(parseKeyRing(appEnv.ENCRYPTION_KEYS));
    const fixtures = await seedAll(db, { passwordHash, cipher, scale: SCALE, log });
    const started = performance.now();
    await vacuumAnalyze(db, [
      'users',
      'employees',
      'organizations',
      'mood_entries',
      'journals',
      'org_wellness_snapshots',
      'wellbeing_surveys',
      'survey_responses',
      'survey_participations',
    ]);
    // Index-only scans read the heap for pages not marked all-visible: say how many are.
    const {
      rows: [visible],
    } = await db.query(
      `SELECT round(100.0 * relallvisible / greatest(relpages, 1)) AS percent
         FROM pg_class WHERE oid = 'mood_entries'::regclass`,
    );
    log(
      `  vacuumed and analysed in ${seconds(started)}; mood_entries ${visible.percent}% all-visible`,
    );
    return fixtures;
  } finally {
    await db.end();
  }
}

async function removeRedisKeys(prefix) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function postgresVersion(url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query('SHOW server_version');
    return `PostgreSQL ${rows[0].server_version.split(' ')[0]}`;
  } finally {
    await db.end();
  }
}

async function main() {
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  // The 1-minute load every 5 s while the bench runs, reported beside its figures: the load
  // before the run cannot show work that started during it.
  const loadSamples = [];
  const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 5000);
  sampler.unref();
  log(
    `MindfulMe bench ${runId} (scale ${SCALE}); load average ${loadBefore.map((v) => v.toFixed(1)).join(' ')}`,
  );
  if (!options['skip-build']) await step('Building the app into bench/.build/dist', buildApp);
  const url = await step(`Creating and migrating database ${runId}`, async () => {
    const created = await createDatabase(runId);
    log(`  ${await migrate(created)}`);
    return created;
  });
  const appEnv = appEnvironment({ databaseUrl: url, queuePrefix: runId });
  const fixtures = await step('Seeding (set-based SQL)', () => seedDatabase(url, appEnv));

  // The dashboard answers the department breakdown stored by its organisation's latest
  // recompute, as it would in service once the worker has run.
  await step('Recomputing the dashboard organisation once', () =>
    timeJobs(appEnv, [
      {
        label: 'dashboard organisation',
        job: 'orgs.recompute-wellness',
        data: { orgId: fixtures.orgs.dash },
      },
    ]),
  );

  const { api, baseline } = await step(
    'Starting the API (production) and the baseline',
    async () => {
      await mkdir(`${RESULTS_DIR}/profiles`, { recursive: true });
      const profile = options['cpu-prof']
        ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}/profiles`]
        : [];
      const runtime = await serverRuntime();
      log(`  Node flags ${runtime.flags.join(' ')}`);
      const started = await Promise.all([
        startServer({
          name: 'API',
          args: [...runtime.flags, ...profile, `${APP_DIST}/main.js`],
          env: { ...process.env, ...appEnv, ...runtime.env },
          cwd: ROOT,
          logFile: `${RESULTS_DIR}/api.log`,
        }),
        startServer({
          name: 'baseline',
          args: [
            ...runtime.flags,
            fileURLToPath(new URL('./baseline/server.mjs', import.meta.url)),
          ],
          env: { ...process.env, ...appEnv, ...runtime.env, BENCH_APP_DIST: APP_DIST },
          cwd: ROOT,
          logFile: `${RESULTS_DIR}/baseline.log`,
        }),
      ]);
      for (const server of started) log(`  ${server.name} pid ${server.pid} at ${server.url}`);
      return { api: started[0], baseline: started[1] };
    },
  );

  const atStart = {
    api: await residentMemory(api.pid),
    baseline: await residentMemory(baseline.pid),
  };
  log(
    `  RSS before any request: API ${atStart.api.rssMb} MB, baseline ${atStart.baseline.rssMb} MB`,
  );
  const http = await step('HTTP scenarios', () =>
    runHttpScenarios(api, baseline, fixtures, { only: options.only?.split(','), log }),
  );
  const memory = {
    api: await residentMemory(api.pid),
    baseline: await residentMemory(baseline.pid),
    atStart,
  };
  log(`  RSS after the run: API ${memory.api.rssMb} MB, baseline ${memory.baseline.rssMb} MB`);
  await stop(api.child);
  await stop(baseline.child);

  if (options['cpu-prof']) {
    log(await summariseProfiles(`${RESULTS_DIR}/profiles`));
    return;
  }
  const cluster = options['skip-cluster']
    ? null
    : await step('HTTP scenarios on `npm run start:prod` (one API process per core)', () =>
        measureCluster(appEnv, fixtures),
      );
  const jobs = options['skip-jobs']
    ? { recompute: [], buddies: [], buddyIncremental: null }
    : await step('Jobs in a worker-like process', () =>
        runJobScenarios(appEnv, fixtures, { log, budgetMs: BUDDY_PASS_BUDGET_MS }),
      );

  const loadAfter = loadavg();
  clearInterval(sampler);
  const results = {
    runId,
    startedAt,
    durationSeconds: Math.round((performance.now() - runStarted) / 1000),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown CPU',
      node: process.versions.node,
      postgres: await postgresVersion(url),
      loadBefore,
      loadAfter,
      loadDuring: summariseLoad(loadSamples),
    },
    // Before the bench starts anything, a load above half a process per core is someone else's.
    // The load during the run is reported, not judged: the bench's own processes (the servers,
    // PostgreSQL, autocannon, the job phase) reach past twice the cores on an idle machine.
    contended: loadBefore[0] > cpus().length * 0.5,
    scale: SCALE,
    load: LOAD,
    fixtures,
    http,
    cluster,
    memory,
    jobs,
  };
  results.targets = evaluateTargets(results);
  const partial =
    Boolean(options.only) || options['skip-jobs'] || options['skip-cluster'] || SCALE !== 1;
  await writeResults(results, { readme: !partial });
  log('\nTargets:');
  for (const target of results.targets) log(`  ${target.label}: ${target.text}`);
  log(
    partial
      ? '\nWrote bench/results/latest.json (a partial run: the README keeps its tables)'
      : '\nWrote bench/results/latest.json and the tables in bench/README.md',
  );
}

let failed = false;
const cleanUp = async () => {
  await stopAll();
  if (!options['keep-db'])
    await dropDatabase(runId).catch((error) => log(`  could not drop ${runId}: ${error.message}`));
  else log(`  kept database ${runId}`);
  await removeRedisKeys(runId).catch((error) =>
    log(`  could not clear Redis keys: ${error.message}`),
  );
};
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, async () => {
    log(`\n${signal}: stopping`);
    await cleanUp();
    process.exit(130);
  });

try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await step('Cleaning up', cleanUp);
  log(`Total ${seconds(runStarted)}`);
  process.exit(failed ? 1 : 0);
}

/**
 * `npm run start:prod`'s primary (dist/cluster.js) with its default of one API process per core,
 * in the bench's environment; it gives its processes production's settings itself.
 */
async function measureCluster(appEnv, fixtures) {
  const cluster = await startServer({
    name: 'cluster',
    args: [`${APP_DIST}/cluster.js`],
    env: { ...process.env, ...appEnv },
    cwd: ROOT,
    logFile: `${RESULTS_DIR}/cluster.log`,
    ready: /processes listening on (http:\/\/[\d.:]+)/,
  });
  try {
    const atStart = await treeMemory(cluster.pid);
    log(`  ${atStart.processes - 1} API processes at ${cluster.url}, ${atStart.rssMb} MB in all`);
    const http = await runClusterScenarios(cluster, fixtures, {
      only: options.only?.split(','),
      log,
    });
    return {
      processes: atStart.processes - 1,
      http,
      memory: { atStart, after: await treeMemory(cluster.pid) },
    };
  } finally {
    await stop(cluster.child);
  }
}

function summariseLoad(samples) {
  if (samples.length === 0) return { samples: 0 };
  return {
    samples: samples.length,
    min: Math.min(...samples),
    median: median(samples),
    max: Math.max(...samples),
  };
}
