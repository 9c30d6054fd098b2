import { Module } from '@nestjs/common';
import { PasswordsConfig } from '../config';
import { Rng } from '../core';
import { PasswordComplexity } from './password-complexity';
import { PasswordHasher } from './password-hasher';

/**
 * The password hasher and the complexity check built from `passwords` (needs the global config
 * and core modules).
 */
@Module({
  providers: [
    {
      provide: PasswordHasher,
      inject: [PasswordsConfig, Rng],
      useFactory: (config: PasswordsConfig, rng: Rng) => new PasswordHasher(config, rng),
    },
    {
      provide: PasswordComplexity,
      inject: [PasswordsConfig],
      useFactory: (config: PasswordsConfig) => new PasswordComplexity(config.minimum_complexity),
    },
  ],
  exports: [PasswordHasher, PasswordComplexity],
})
export class PasswordsModule {}
