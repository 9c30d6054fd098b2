import { Module } from '@nestjs/common';
import { AccessTokenResolver } from './access-token.resolver';
import { CompatTokenResolver } from './compat-token.resolver';
import { PersonalTokenResolver } from './personal-token.resolver';
import { RefreshTokenResolver } from './refresh-token.resolver';

const RESOLVERS = [
  AccessTokenResolver,
  RefreshTokenResolver,
  CompatTokenResolver,
  PersonalTokenResolver,
];

/**
 * Resolves presented tokens of every kind (CONTRACTS §4) to their session and user, one indexed
 * query each; needs the global core and storage modules.
 */
@Module({ providers: RESOLVERS, exports: RESOLVERS })
export class AccessTokensModule {}
