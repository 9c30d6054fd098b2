import { Module } from '@nestjs/common';
import { PasswordsConfig } from '../config';
import { Rng } from '../core';
import { PasswordHasher } from './password-hasher';

/** The password hasher built from `passwords` (needs the global config and core modules). */
@Module({
  providers: [
    {
      provide: PasswordHasher,
      inject: [PasswordsConfig, Rng],
      useFactory: (config: PasswordsConfig, rng: Rng) => new PasswordHasher(config, rng),
    },
  ],
  exports: [PasswordHasher],
})
export class PasswordsModule {}
