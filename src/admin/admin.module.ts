import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { ActivityModule } from '../activity';
import { PolicyModule } from '../policy';
import { SessionsModule } from '../sessions';
import { AdminAuthGuard } from './auth/admin-auth.guard';
import { AdminAuthenticator } from './auth/admin-authenticator.service';
import { AdminErrorFilter } from './common/admin-error.filter';
import { OAuth2ClientsAdminService } from './oauth2-clients/oauth2-clients-admin.service';
import { OAuth2ClientsController } from './oauth2-clients/oauth2-clients.controller';
import { AdminApiDocument } from './openapi/admin-api-document';
import { ApiDocController } from './openapi/api-doc.controller';
import { PersonalSessionsAdminService } from './personal-sessions/personal-sessions-admin.service';
import { PersonalSessionsController } from './personal-sessions/personal-sessions.controller';
import { PolicyDataAdminService } from './policy-data/policy-data-admin.service';
import { PolicyDataController } from './policy-data/policy-data.controller';
import { RegistrationTokensAdminService } from './registration-tokens/registration-tokens-admin.service';
import { RegistrationTokensController } from './registration-tokens/registration-tokens.controller';
import { ServerInfoService } from './server/server-info.service';
import { ServerController } from './server/server.controller';
import {
  CompatSessionsController,
  OAuth2SessionsController,
  UserSessionsController,
} from './sessions/sessions.controllers';
import { SessionsAdminService } from './sessions/sessions-admin.service';
import { UpstreamOAuthLinksAdminService } from './upstream-oauth/upstream-oauth-links-admin.service';
import { UpstreamOAuthProvidersAdminService } from './upstream-oauth/upstream-oauth-providers-admin.service';
import {
  UpstreamOAuthLinksController,
  UpstreamOAuthProvidersController,
} from './upstream-oauth/upstream-oauth.controllers';
import { UserEmailsAdminService } from './user-emails/user-emails-admin.service';
import { UserEmailsController } from './user-emails/user-emails.controller';
import { UsersAdminService } from './users/users-admin.service';
import { UsersController } from './users/users.controller';

/**
 * The admin API (resource `adminapi`; MAS crates/handlers/src/admin): `/api/admin/v1/*` for
 * callers holding `urn:mas:admin`, its OpenAPI document at `/api/spec.json` and a browsable
 * reference at `/api/doc/`.
 */
@Module({
  imports: [ActivityModule, SessionsModule, PolicyModule],
  controllers: [
    ServerController,
    UsersController,
    UserEmailsController,
    UserSessionsController,
    CompatSessionsController,
    OAuth2SessionsController,
    OAuth2ClientsController,
    RegistrationTokensController,
    PersonalSessionsController,
    PolicyDataController,
    UpstreamOAuthLinksController,
    UpstreamOAuthProvidersController,
    ApiDocController,
  ],
  providers: [
    AdminAuthenticator,
    AdminAuthGuard,
    AdminErrorFilter,
    AdminApiDocument,
    ServerInfoService,
    UsersAdminService,
    UserEmailsAdminService,
    SessionsAdminService,
    OAuth2ClientsAdminService,
    RegistrationTokensAdminService,
    PersonalSessionsAdminService,
    PolicyDataAdminService,
    UpstreamOAuthLinksAdminService,
    UpstreamOAuthProvidersAdminService,
  ],
})
export class AdminModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // MAS admin/mod.rs: CORS for any origin and method, with the headers Swagger UI sends.
    consumer
      .apply(
        cors({
          origin: '*',
          methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
          allowedHeaders: ['authorization', 'accept', 'content-type', 'x-requested-with'],
        }),
      )
      .forRoutes(
        { path: 'api/admin/*path', method: RequestMethod.ALL },
        { path: 'api/spec.json', method: RequestMethod.ALL },
      );
  }
}
