import { Global, Module } from '@nestjs/common';
import { SecretsConfig } from '../config';
import { Encrypter, Keystore } from '../core';

/**
 * The signing keystore (`secrets.keys`, `secrets.keys_dir`) and the encrypter keyed by
 * `secrets.encryption`, built once at boot from the validated configuration.
 */
@Global()
@Module({
  providers: [
    {
      provide: Keystore,
      inject: [SecretsConfig],
      useFactory: (secrets: SecretsConfig) => Keystore.load(secrets.keyEntries()),
    },
    {
      provide: Encrypter,
      inject: [SecretsConfig],
      useFactory: (secrets: SecretsConfig) => new Encrypter(secrets.encryptionKey()),
    },
  ],
  exports: [Keystore, Encrypter],
})
export class KeysModule {}
