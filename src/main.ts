import 'reflect-metadata';
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
  app.get(Logger).log(`MindfulMe API listening on ${await app.getUrl()}`, 'Main');
  runUntilSignalled(config.SHUTDOWN_TIMEOUT_MS, async () => {
    await app.close();
    await database.stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
