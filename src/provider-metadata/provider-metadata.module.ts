import { Global, Module } from '@nestjs/common';
import { ProviderMetadataRegistry } from './provider-metadata.registry';

@Global()
@Module({ providers: [ProviderMetadataRegistry], exports: [ProviderMetadataRegistry] })
export class ProviderMetadataModule {}
