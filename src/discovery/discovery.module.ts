import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { DiscoveryController } from './discovery.controller';
import { DiscoveryService } from './discovery.service';
import { WebfingerService } from './webfinger.service';

/** `/.well-known/openid-configuration` and `/.well-known/webfinger` (resource `discovery`). */
@Module({
  controllers: [DiscoveryController],
  providers: [DiscoveryService, WebfingerService],
})
export class DiscoveryModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // MSC2965: browser clients fetch discovery cross-origin.
    consumer
      .apply(cors({ origin: '*', maxAge: 3600 }))
      .forRoutes({ path: '.well-known/*path', method: RequestMethod.ALL });
  }
}
