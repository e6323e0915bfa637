import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { AnonymityKey } from './anonymity-key.js';
import { FieldCipher } from './field-cipher.js';
import { localKeyRing, parseKeyRing } from './key-ring.js';
import { SealedColumns } from './sealed-columns.js';

/** The process's FieldCipher, SealedColumns and AnonymityKey, their keys built once at start. */
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
  exports: [FieldCipher, SealedColumns, AnonymityKey],
})
export class CryptoModule {}
