import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { AccessTokensModule } from '../access-tokens';
import { PolicyModule } from '../policy';
import { SessionsModule } from '../sessions';
import { CompatLoginController } from './login/compat-login.controller';
import { CompatLoginPolicy } from './login/compat-login-policy';
import { CompatLoginService } from './login/compat-login.service';
import { LoginTokens } from './login/login-tokens';
import { CompatLogoutController } from './logout/compat-logout.controller';
import { CompatLogoutService } from './logout/compat-logout.service';
import { MatrixErrorFilter } from './matrix-error.filter';
import { MatrixRequesters } from './matrix-requester';
import { CompatRefreshController } from './refresh/compat-refresh.controller';
import { CompatRefreshService } from './refresh/compat-refresh.service';
import { SsoCompletionController } from './sso/sso-completion.controller';
import { SsoCompletionService } from './sso/sso-completion.service';
import { SsoRedirectController } from './sso/sso-redirect.controller';
import { SsoRedirectService } from './sso/sso-redirect.service';
import { UnrecognizedController } from './unrecognized.controller';

/**
 * The Matrix client-server compatibility layer (resource `compat`; MAS crates/handlers/src/
 * compat): legacy login, logout and refresh for clients that are not OAuth-native, and the
 * browser page that completes their SSO login (resource `human`).
 */
@Module({
  imports: [AccessTokensModule, SessionsModule, PolicyModule],
  controllers: [
    CompatLoginController,
    CompatLogoutController,
    CompatRefreshController,
    SsoRedirectController,
    SsoCompletionController,
    UnrecognizedController,
  ],
  providers: [
    MatrixErrorFilter,
    MatrixRequesters,
    LoginTokens,
    CompatLoginPolicy,
    CompatLoginService,
    CompatLogoutService,
    CompatRefreshService,
    SsoRedirectService,
    SsoCompletionService,
  ],
})
export class CompatModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // C-S spec "Web browser clients": every client-server endpoint answers CORS for any origin.
    consumer
      .apply(
        cors({
          origin: '*',
          methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
          allowedHeaders: ['x-requested-with', 'content-type', 'authorization'],
        }),
      )
      .forRoutes({ path: '_matrix/client/*path', method: RequestMethod.ALL });
  }
}
