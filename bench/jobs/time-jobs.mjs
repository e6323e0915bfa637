// Times job handlers inside a worker-like process: the built app's feature modules in a Nest
// application context (no HTTP), with the handlers the worker would run, called directly so
// the clock measures the handler and nothing of the queue. Queues are produced to but never
// consumed here, so no other job runs meanwhile.
//
// Reads one JSON request from argv[2]: { dist, env, quiet, runs: [{ label, job, data, repeat }] },
// answers one JSON line on stdout: { results: [{ label, job, millis: [...] }] }.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const request = JSON.parse(process.argv[2]);
Object.assign(process.env, request.env);
const load = (path) => import(pathToFileURL(`${request.dist}/${path}`).href);

const { NestFactory } = await import('@nestjs/core');
const { loadConfig } = await load('config/app-config.js');
const { coreModules, FEATURE_MODULES } = await load('app.module.js');
const { JobRegistry } = await load('jobs/job-registry.js');

/** The worker's modules (WorkerModule's imports) without the queue consumers. */
class BenchWorkerModule {}

const config = loadConfig();
const app = await NestFactory.createApplicationContext(
  {
    module: BenchWorkerModule,
    imports: [...coreModules(config, config.DATABASE_URL, false), ...FEATURE_MODULES],
  },
  { logger: ['error', 'warn'] },
);
await app.init();
const registry = app.get(JobRegistry);

const results = [];
try {
  for (const run of request.runs) {
    const definition = registry.get(run.job);
    const millis = [];
    for (let attempt = 0; attempt < (run.repeat ?? 1); attempt++) {
      const started = performance.now();
      await definition.handle(run.data ?? {});
      millis.push(Math.round(performance.now() - started));
    }
    results.push({ label: run.label, job: run.job, millis });
    if (!request.quiet)
      process.stderr.write(`    ${run.label}: ${millis.map((ms) => `${ms} ms`).join(', ')}\n`);
  }
} finally {
  await app.close();
}
process.stdout.write(`${JSON.stringify({ results })}\n`);
