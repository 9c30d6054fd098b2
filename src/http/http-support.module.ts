import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { HttpConfig } from '../config';
import { FallbackFilter } from './errors/fallback.filter';
import { ResourceGuard } from './resource.guard';
import { UrlBuilder } from './url-builder';

/** Cross-surface HTTP plumbing: URL building, per-listener resources, the fallback filter. */
@Global()
@Module({
  providers: [
    {
      provide: UrlBuilder,
      inject: [HttpConfig],
      useFactory: (http: HttpConfig) => new UrlBuilder(http.publicBaseUrl, http.issuerUrl),
    },
    { provide: APP_GUARD, useClass: ResourceGuard },
    { provide: APP_FILTER, useClass: FallbackFilter },
  ],
  exports: [UrlBuilder],
})
export class HttpSupportModule {}
