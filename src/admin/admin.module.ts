import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { ActivityModule } from '../activity';
import { SessionsModule } from '../sessions';
import { AdminAuthGuard } from './auth/admin-auth.guard';
import { AdminAuthenticator } from './auth/admin-authenticator.service';
import { AdminErrorFilter } from './common/admin-error.filter';
import { ServerInfoService } from './server/server-info.service';
import { ServerController } from './server/server.controller';
import { UsersAdminService } from './users/users-admin.service';
import { UsersController } from './users/users.controller';

/**
 * The admin API (resource `adminapi`; MAS crates/handlers/src/admin): `/api/admin/v1/*` for
 * callers holding `urn:mas:admin`, its OpenAPI document at `/api/spec.json` and a browsable
 * reference at `/api/doc/`.
 */
@Module({
  imports: [ActivityModule, SessionsModule],
  controllers: [ServerController, UsersController],
  providers: [
    AdminAuthenticator,
    AdminAuthGuard,
    AdminErrorFilter,
    ServerInfoService,
    UsersAdminService,
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
