import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { resolveDatabase } from './database/database-bootstrap.js';
import { DatabaseModule } from './database/database.module.js';
import { JournalsModule } from './journals/journals.module.js';
import { JournalsService } from './journals/journals.service.js';
import { MoodModule } from './mood/mood.module.js';
import { MoodService } from './mood/mood.service.js';
import { TherapistsModule } from './therapists/therapists.module.js';
import { AppointmentsService } from './therapists/appointments.service.js';

const BATCH = 500;

/** Runs `batch` until it moves nothing; answers the total moved. */
async function drain(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let moved = await batch(); moved > 0; moved = await batch()) total += moved;
  return total;
}

/**
 * `npm run crypto:reencrypt`: moves every journal entry, mood note and appointment note onto the
 * active key of ENCRYPTION_KEYS, in batches, so an old key can then be removed. Safe to run again, and
 * alongside the API (a row edited meanwhile is left as the edit wrote it).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot(database.url),
      CryptoModule,
      MoodModule,
      JournalsModule,
      TherapistsModule,
    ],
  })
  class ReencryptModule {}
  const app = await NestFactory.createApplicationContext(ReencryptModule, {
    logger: ['error', 'warn'],
  });
  try {
    const journals = await drain(() => app.get(JournalsService).reencryptBatch(BATCH));
    const moodNotes = await drain(() => app.get(MoodService).reencryptBatch(BATCH));
    const appointmentNotes = await drain(() => app.get(AppointmentsService).reencryptBatch(BATCH));
    console.log(
      `Re-encrypted ${journals} journal entries and ${moodNotes} mood notes` +
        ` and ${appointmentNotes} appointment notes.`,
    );
  } finally {
    await app.close();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
