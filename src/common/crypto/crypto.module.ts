import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { FieldCipher } from './field-cipher.js';
import { localKeyRing, parseKeyRing } from './key-ring.js';

/** The one FieldCipher of the process, its keys built once at start. */
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
  ],
  exports: [FieldCipher],
})
export class CryptoModule {}
