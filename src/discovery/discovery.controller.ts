import { Controller, Get, Header, Query, UseFilters } from '@nestjs/common';
import { ServedBy } from '../http/resource';
import { DiscoveryErrorFilter } from './discovery-error.filter';
import { DiscoveryService } from './discovery.service';
import { WebfingerService, type Jrd } from './webfinger.service';
import type { ProviderMetadata } from '../provider-metadata/provider-metadata';

@Controller('.well-known')
@ServedBy('discovery')
@UseFilters(DiscoveryErrorFilter)
export class DiscoveryController {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly webfinger: WebfingerService,
  ) {}

  @Get('openid-configuration')
  @Header('Cache-Control', 'public, max-age=3600')
  openidConfiguration(): ProviderMetadata {
    return this.discovery.document();
  }

  @Get('webfinger')
  @Header('Content-Type', 'application/jrd+json')
  webfingerLookup(@Query('resource') resource: unknown, @Query('rel') rel: unknown): Jrd {
    return this.webfinger.lookup(resource, rel);
  }
}
