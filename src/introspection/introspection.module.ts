import { Module } from '@nestjs/common';
import { AccessTokensModule } from '../access-tokens';
import { ActivityModule } from '../activity';
import { IntrospectionCallerAuthenticator } from './introspection-caller';
import { IntrospectionController } from './introspection.controller';
import { IntrospectionMetadataContributor } from './introspection-metadata.contributor';
import { IntrospectionService } from './introspection.service';

/** RFC 7662 token introspection for the homeserver (resource `oauth`). */
@Module({
  imports: [AccessTokensModule, ActivityModule],
  controllers: [IntrospectionController],
  providers: [
    IntrospectionCallerAuthenticator,
    IntrospectionService,
    IntrospectionMetadataContributor,
  ],
})
export class IntrospectionModule {}
