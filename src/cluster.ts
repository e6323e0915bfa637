import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ApiProcesses } from './cluster/api-processes.js';
import { ClusterConfigError, planCluster } from './cluster/cluster-plan.js';
import { withProductionSettings } from './cluster/production-runtime.js';

/**
 * `npm run start:prod`: one API process (`main.js`) per core, or WEB_CONCURRENCY, sharing one
 * port through node:cluster. This primary only starts, replaces and stops them, so it loads
 * nothing of the application (about 50 MB of memory beside each API process's 150 to 200).
 */
function main(): void {
  const logger = pino().child({ context: 'Cluster' });
  let plan;
  try {
    plan = planCluster(process.env, availableParallelism());
  } catch (error) {
    if (!(error instanceof ClusterConfigError)) throw error;
    console.error(`Invalid configuration:\n  - ${error.message}`);
    process.exit(1);
  }
  const settings = withProductionSettings(process.execArgv, process.env);
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('./main.js', import.meta.url)),
    execArgv: settings.execArgv,
  });
  for (const note of plan.notes) logger.info(note);
  // The API processes' own shutdown is bounded by SHUTDOWN_TIMEOUT_MS; a little more here, so
  // that one which overruns it ends by its own timer before this one kills it.
  const shutdownMs = Number(process.env.SHUTDOWN_TIMEOUT_MS) || 10_000;
  const processes = new ApiProcesses(plan, settings.env, logger, shutdownMs + 2000);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => processes.stop());
  processes.start();
  void processes.done.then((code) => process.exit(code));
}

main();
