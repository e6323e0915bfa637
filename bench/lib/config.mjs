// What the bench measures, at which sizes and for how long, and the targets of issues 8 and 17.
import { randomBytes } from 'node:crypto';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The app as the bench builds it: outside dist/, which the test suite reads meanwhile. */
export const BUILD_DIR = fileURLToPath(new URL('../.build', import.meta.url));
export const APP_DIST = `${BUILD_DIR}/dist`;
export const RESULTS_DIR = fileURLToPath(new URL('../results', import.meta.url));

export const ADMIN_URL =
  process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The password of every seeded person (hashed once with argon2id, the hash reused). */
export const PASSWORD = 'bench password that is long enough';

/**
 * Sizes at scale 1. The 10,000-employee organisation is both the dashboard's and the 10% step
 * of the recompute's growth; 30,000 is the 30% step; 100,000 with 3,000,000 entries is the
 * issue's size. The writers' organisation only gives the POST /v1/mood person a membership.
 */
export const SEED_SIZES = {
  orgs: [
    {
      key: 'large',
      name: 'Bench Large',
      members: 100_000,
      entries: 3_000_000,
      admin: 'admin-large',
    },
    { key: 'mid', name: 'Bench Mid', members: 30_000, entries: 900_000 },
    {
      key: 'dash',
      name: 'Bench Dashboard',
      members: 10_000,
      entries: 300_000,
      admin: 'admin-dash',
    },
    { key: 'writers', name: 'Bench Writers', members: 20, entries: 600 },
  ],
  surveyResponses: 10_000,
  journals: 60,
  /** Opted-in people after each step of the buddy growth: 10%, 30%, 100% of 10,000. */
  buddySteps: [1_000, 3_000, 10_000],
};

/** Recompute growth: 10%, 30% and 100% of the 100,000-employee organisation. */
export const RECOMPUTE_STEPS = [
  { org: 'dash', share: '10%' },
  { org: 'mid', share: '30%' },
  { org: 'large', share: '100%' },
];

export const LOAD = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
};

/** Scale of the data (1 = the sizes); smaller only to try the bench itself quickly. */
export const SCALE = Number(process.env.BENCH_SCALE ?? 1);

/** Production configuration of the API, its secrets made for this run. */
export function appEnvironment({ databaseUrl, queuePrefix }) {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
    ANONYMITY_KEY: randomBytes(32).toString('base64url'),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    // The login scenario signs one account in thousands of times a minute: the limiter still
    // counts every attempt in Redis, it just never refuses.
    AUTH_RATE_LIMIT_PER_ADDRESS: '100000000',
    AUTH_RATE_LIMIT_PER_ACCOUNT: '100000000',
    // The HTTP phase measures the request path: jobs run in the worker-like phase below, not
    // in the API process beside the load (WORKERS=embedded, the default, would take CPU from
    // the requests measured while the baseline runs none).
    WORKERS: 'none',
    // Likewise the API-wide limit: each request is counted (its cost is measured), none refused.
    API_RATE_LIMIT_PER_PRINCIPAL: '100000000',
    API_RATE_LIMIT_PER_ADDRESS: '100000000',
    LOG_LEVEL: 'info',
    SWAGGER_UI: 'false',
    QUEUE_BOARD: 'false',
  };
}

/**
 * How the two servers run: with production's settings, those the cluster primary of
 * `npm run start:prod` gives each API process (src/cluster/production-runtime.ts, read from the
 * build). BENCH_NODE_FLAGS (space-separated) replaces the Node flags, to try others without
 * touching the app.
 */
export async function serverRuntime() {
  const { PRODUCTION_NODE_FLAGS, PRODUCTION_MALLOC_ENV } = await import(
    pathToFileURL(`${APP_DIST}/cluster/production-runtime.js`).href
  );
  const flags = process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? PRODUCTION_NODE_FLAGS;
  return { flags, env: { ...PRODUCTION_MALLOC_ENV } };
}

/**
 * Targets of issue 17 for the HTTP routes and memory, of issue 8 for the jobs and the survey
 * results. `kind` says how a measurement is compared: `ratio` of throughput to the baseline's
 * (at least), `p99ratio` of p99 to the baseline's (at most), `ms` (at most), `mb` (less than).
 */
export const TARGETS = {
  'mood.create': [
    { kind: 'ratio', limit: 0.8 },
    { kind: 'p99ratio', limit: 1.5 },
  ],
  'mood.stats': [
    { kind: 'ratio', limit: 0.8 },
    { kind: 'p99ratio', limit: 1.5 },
  ],
  'journals.list': [{ kind: 'ratio', limit: 0.7 }],
  'org.dashboard': [{ kind: 'p99', limit: 30 }],
  'survey.results': [{ kind: 'p99', limit: 300 }],
  'job.recompute.100%': [{ kind: 'ms', limit: 3000 }],
  'job.recompute-repeat.100%': [{ kind: 'ms', limit: 3000 }],
  'job.buddies-all.100%': [{ kind: 'ms', limit: 30_000 }],
  'job.buddies-one': [{ kind: 'ms', limit: 200 }],
  'api.rss': [{ kind: 'mb', limit: 200 }],
};
