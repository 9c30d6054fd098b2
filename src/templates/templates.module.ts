import { Global, Module } from '@nestjs/common';
import { TemplatesConfig } from '../config';
import { BUILTIN_TRANSLATIONS_DIR, BUILTIN_VIEWS_DIR, TemplateRenderer } from './template-renderer';
import { Translations } from './translations';

/**
 * Page rendering for every human surface. `templates.path` is searched before the built-in
 * views and `templates.translations_path` overrides the built-in translations, key by key.
 */
@Global()
@Module({
  providers: [
    {
      provide: TemplateRenderer,
      inject: [TemplatesConfig],
      useFactory: (config: TemplatesConfig) =>
        new TemplateRenderer(
          new Translations({ dirs: [BUILTIN_TRANSLATIONS_DIR, config.translations_path] }),
          [config.path, BUILTIN_VIEWS_DIR],
        ),
    },
  ],
  exports: [TemplateRenderer],
})
export class TemplatesModule {}
