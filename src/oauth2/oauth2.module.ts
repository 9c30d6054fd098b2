import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { JwksController } from './keys/jwks.controller';
import { JwksService } from './keys/jwks.service';

/** The OAuth 2.0 / OIDC API (resource `oauth`). */
@Module({ controllers: [JwksController], providers: [JwksService] })
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
