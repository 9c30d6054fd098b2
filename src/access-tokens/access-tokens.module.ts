import { Module } from '@nestjs/common';
import { AccessTokenResolver } from './access-token.resolver';

/** Resolves presented OAuth access tokens; needs the global core and storage modules. */
@Module({ providers: [AccessTokenResolver], exports: [AccessTokenResolver] })
export class AccessTokensModule {}
