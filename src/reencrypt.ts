import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ColumnReencryption } from './common/crypto/column-reencryption.js';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { EncryptedRowsRepository } from './common/crypto/encrypted-rows.repository.js';
import { describeReencryption } from './common/crypto/reencryption-report.js';
import { SealedColumns } from './common/crypto/sealed-columns.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { resolveDatabase } from './database/database-bootstrap.js';
import { DatabaseModule } from './database/database.module.js';

const BATCH = 500;

/**
 * `npm run crypto:reencrypt`: moves every value of every encrypted column (the registry in
 * src/common/crypto/encrypted-columns.ts) onto the active key of ENCRYPTION_KEYS, in batches,
 * and says per column what it moved and what is left. Exits 0 only when nothing is left under
 * another key, so a script can remove the old key after it. Safe to run again, and alongside
 * the API (a row edited meanwhile is left as the edit wrote it).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot(database.url, config.DATABASE_POOL_SIZE),
      CryptoModule,
    ],
    providers: [EncryptedRowsRepository, ColumnReencryption],
  })
  class ReencryptModule {}
  const app = await NestFactory.createApplicationContext(ReencryptModule, {
    logger: ['error', 'warn'],
  });
  try {
    const reports = await app.get(ColumnReencryption).all(BATCH);
    const { lines, done } = describeReencryption(app.get(SealedColumns).activeKeyId, reports);
    console.log(lines.join('\n'));
    if (!done) process.exitCode = 1;
  } finally {
    await app.close();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
