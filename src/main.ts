import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './config/app-config.js';
import { resolveDatabase } from './database/database-bootstrap.js';
import { createHttpApp } from './http-app.js';
import { runUntilSignalled } from './lifecycle.js';

/** The HTTP API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  const app = await createHttpApp(config, database.url);
  await app.listen({ port: config.PORT, host: config.HOST });
  const logger = app.get(Logger);
  logger.log(`MindfulMe API listening on ${await app.getUrl()}`, 'Main');
  // Under the cluster primary (`npm run start:prod`), the primary says which process consumes.
  if (config.REDIS_URL && config.WORKERS === 'none' && !cluster.isWorker) {
    logger.warn(
      'WORKERS=none: this process only queues jobs; scores, buddy suggestions and webhooks ' +
        'wait in Redis until `npm run start:worker` runs.',
      'Main',
    );
  }
  runUntilSignalled(config.SHUTDOWN_TIMEOUT_MS, async () => {
    // Stop accepting and let the requests in flight finish while the database and queues are
    // still there (Nest's own close tears the modules down before it closes the server).
    // Keep-alive connections are closed as soon as their last answer is out, not left to time out.
    const fastify = app.getHttpAdapter().getInstance();
    const sweeper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    try {
      await fastify.close();
    } finally {
      clearInterval(sweeper);
    }
    await app.close();
    await database.stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
