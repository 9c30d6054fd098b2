import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MasConfig, SECTION_CLASSES } from './mas-config';
import { toPlainConfig } from './to-plain';

/**
 * Makes the validated configuration injectable everywhere: `MasConfig` and each section class
 * (`HttpConfig`, `DatabaseConfig`, ...) as providers, plus `@nestjs/config`'s `ConfigService`
 * over the same data for extension modules (`config.get('branding.service_name')`).
 */
@Module({})
export class MasConfigModule {
  static forRoot(config: MasConfig): DynamicModule {
    const sections = Object.entries(SECTION_CLASSES) as [keyof typeof SECTION_CLASSES, Function][];
    const providers: Provider[] = [
      { provide: MasConfig, useValue: config },
      ...sections.map(([key, cls]) => ({ provide: cls, useValue: config[key] })),
    ];
    const plain = toPlainConfig(config) as Record<string, unknown>;
    return {
      module: MasConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => plain] })],
      providers,
      exports: providers.map((p) => (p as { provide: Function }).provide),
    };
  }
}
