import { Global, Module } from '@nestjs/common';
import { OAuth2ClientRepository } from './oauth2/oauth2-client.repository';

/** The repositories; each owns its slice of the ORM so services never see it. */
@Global()
@Module({
  providers: [OAuth2ClientRepository],
  exports: [OAuth2ClientRepository],
})
export class StorageModule {}
