import { Global, Module } from '@nestjs/common';
import { Clock } from '../core';
import { ClientAuthenticator } from './client-authenticator';
import { ClientJwksCache } from './client-jwks.cache';

/**
 * Client authentication shared by the token, revocation, introspection and device endpoints.
 * Needs the global `OAuth2ClientRepository`, `OAuth2ClientAssertionRepository` (StorageModule),
 * `Encrypter` (KeysModule), `Clock` (CoreModule) and `UrlBuilder` (HttpSupportModule).
 */
@Global()
@Module({
  providers: [
    ClientAuthenticator,
    {
      provide: ClientJwksCache,
      inject: [Clock],
      useFactory: (clock: Clock) => new ClientJwksCache(clock),
    },
  ],
  exports: [ClientAuthenticator],
})
export class ClientAuthModule {}
