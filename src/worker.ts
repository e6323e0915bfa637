import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './config/app-config.js';
import { runUntilSignalled } from './lifecycle.js';
import { WorkerModule } from './worker.module.js';

/** The queue worker: consumes the jobs queue in Redis with the same modules as the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded database belongs to the one API process that starts it, so the worker needs
  // a real PostgreSQL; without Redis there is no queue to consume (the API runs jobs itself).
  const missing = [
    !config.DATABASE_URL && 'DATABASE_URL: the worker needs a PostgreSQL server',
    !config.REDIS_URL && 'REDIS_URL: the worker consumes the jobs queue in Redis',
  ].filter((problem): problem is string => Boolean(problem));
  if (missing.length > 0 || !config.DATABASE_URL) throw new ConfigError(missing);
  // Creating the context starts the queue processors, so a job may already run before it
  // returns: SIGTERM is handled from the start, and closes the context once it exists.
  const starting = NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, config.DATABASE_URL),
    { bufferLogs: true },
  );
  runUntilSignalled(config.SHUTDOWN_TIMEOUT_MS, async () => (await starting).close());
  const app = await starting;
  app.useLogger(app.get(Logger));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
