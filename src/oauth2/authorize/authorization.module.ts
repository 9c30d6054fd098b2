import { Module } from '@nestjs/common';
import { PolicyModule } from '../../policy';
import { SessionsModule } from '../../sessions';
import { ConsentController } from '../consent/consent.controller';
import { ConsentService } from '../consent/consent.service';
import { AuthorizationErrorFilter } from './authorization-error.filter';
import { AuthorizationResponder } from './authorization-responder';
import { AuthorizeMetadataContributor } from './authorize-metadata.contributor';
import { AuthorizeController } from './authorize.controller';
import { AuthorizeService } from './authorize.service';

/**
 * The browser side of the code flow (resource `human`): `/authorize` turns a request into a
 * pending grant, `/consent/{id}` lets the signed-in person allow or deny it.
 */
@Module({
  imports: [PolicyModule, SessionsModule],
  controllers: [AuthorizeController, ConsentController],
  providers: [
    AuthorizeService,
    ConsentService,
    AuthorizationResponder,
    AuthorizationErrorFilter,
    AuthorizeMetadataContributor,
  ],
})
export class AuthorizationModule {}
