import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { AnonymityKey } from './anonymity-key.js';
import { FieldCipher } from './field-cipher.js';
import { localKeyRing, parseKeyRing } from './key-ring.js';
import { SealedColumns } from './sealed-columns.js';

/**
 * The process's keys, built once at start. Features get SealedColumns, never the FieldCipher
 * itself: every encrypted column is sealed and opened through its registry entry.
 */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) =>
        new FieldCipher(
          config.ENCRYPTION_KEYS
            ? parseKeyRing(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY)
            : await localKeyRing(config.DATA_DIR),
        ),
    },
    SealedColumns,
    {
      provide: AnonymityKey,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => AnonymityKey.load(config.ANONYMITY_KEY, config.DATA_DIR),
    },
  ],
  exports: [SealedColumns, AnonymityKey],
})
export class CryptoModule {}
