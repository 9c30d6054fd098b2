export { negotiateLocale } from './negotiate-locale';
export {
  BUILTIN_TRANSLATIONS_DIR,
  BUILTIN_VIEWS_DIR,
  TemplateRenderer,
  type TemplateContext,
} from './template-renderer';
export { TemplatesModule } from './templates.module';
export { DEFAULT_LOCALE, Translations, type TranslationsOptions } from './translations';
