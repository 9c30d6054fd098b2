import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { AccessTokensModule } from '../access-tokens';
import { PolicyModule } from '../policy';
import { SessionsModule } from '../sessions';
import { JwksController } from './keys/jwks.controller';
import { JwksService } from './keys/jwks.service';
import { ClientManagementService } from './registration/client-management.service';
import { ClientMetadataValidator } from './registration/client-metadata.validator';
import { ClientRegistrationService } from './registration/client-registration.service';
import { RegistrationController } from './registration/registration.controller';
import { RegistrationCredentials } from './registration/registration-credentials';
import { RevocationController } from './revocation/revocation.controller';
import { RevocationMetadataContributor } from './revocation/revocation-metadata.contributor';
import { RevocationService } from './revocation/revocation.service';

import { AuthorizationCodeGrant } from './token/grants/authorization-code.grant';
import { ClientCredentialsGrant } from './token/grants/client-credentials.grant';
import { ClientCredentialsPolicy } from './token/grants/client-credentials.policy';
import { DeviceCodeGrant } from './token/grants/device-code.grant';
import { RefreshTokenGrant } from './token/grants/refresh-token.grant';
import { IdTokenIssuer } from './token/id-token.issuer';
import { InteractiveSessionStarter } from './token/interactive-session-starter';
import { TokenEndpointService } from './token/token-endpoint.service';
import { TokenMetadataContributor } from './token/token-metadata.contributor';
import { TokenPairIssuer } from './token/token-pair.issuer';
import { TokenController } from './token/token.controller';
import { UserClaims } from './user-claims';
import { UserinfoMetadataContributor } from './userinfo/userinfo-metadata.contributor';
import { UserinfoController } from './userinfo/userinfo.controller';
import { UserinfoService } from './userinfo/userinfo.service';

/** The OAuth 2.0 / OIDC API (resource `oauth`). */
@Module({
  imports: [AccessTokensModule, SessionsModule, PolicyModule],
  controllers: [
    JwksController,
    RegistrationController,
    TokenController,
    RevocationController,
    UserinfoController,
  ],
  providers: [
    JwksService,
    ClientMetadataValidator,
    RegistrationCredentials,
    ClientRegistrationService,
    ClientManagementService,
    TokenPairIssuer,
    IdTokenIssuer,
    InteractiveSessionStarter,
    AuthorizationCodeGrant,
    RefreshTokenGrant,
    ClientCredentialsGrant,
    ClientCredentialsPolicy,
    DeviceCodeGrant,
    TokenEndpointService,
    TokenMetadataContributor,
    RevocationService,
    RevocationMetadataContributor,
    UserClaims,
    UserinfoService,
    UserinfoMetadataContributor,
  ],
})
export class OAuth2Module implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The OAuth API is called from browser clients on other origins (MSC2965, MSC2966).
    consumer
      .apply(
        cors({
          origin: '*',
          maxAge: 3600,
          allowedHeaders: ['authorization', 'content-type', 'x-requested-with'],
        }),
      )
      .forRoutes({ path: 'oauth2/*path', method: RequestMethod.ALL });
  }
}
