import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { applyPendingMigrations } from './migrations/migrations.js';

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded database; nothing to do for an external one. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set (migrated by `npm run db:migrate` as a deploy step); otherwise the
 * embedded PostgreSQL under DATA_DIR, migrated here so `npm start` needs nothing else.
 */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  const logger = new Logger('Database');
  const embedded = await startEmbeddedPostgres(config.DATA_DIR);
  try {
    const applied = await applyPendingMigrations(embedded.url);
    logger.log(
      `Embedded PostgreSQL in ${config.DATA_DIR}` +
        (applied.length ? `, applied ${applied.join(', ')}` : ', schema up to date'),
    );
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return embedded;
}
