import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Translations } from './translations';

/** The views shipped with mas-ts (copied beside the compiled code by the build). */
export const BUILTIN_VIEWS_DIR = join(__dirname, 'views');

/** The translations shipped with mas-ts. */
export const BUILTIN_TRANSLATIONS_DIR = join(__dirname, 'translations');

/** Values every page may use; pages add their own beside them. */
export type TemplateContext = Record<string, unknown>;

/**
 * Renders the Nunjucks views (`views/*.njk`) with autoescaping on and `throwOnUndefined`, so a
 * template naming a value its page does not pass fails loudly instead of printing nothing.
 * Directories are searched in order: an admin's `templates.path` first, then the built-in views.
 * Every render gets `lang` (the negotiated locale) and `t` (i18next bound to it).
 */
export class TemplateRenderer {
  private readonly env: nunjucks.Environment;
  /** For plain-text mail bodies: the same views without HTML escaping. */
  private readonly textEnv: nunjucks.Environment;

  constructor(
    readonly translations: Translations,
    viewDirs: readonly string[] = [BUILTIN_VIEWS_DIR],
  ) {
    const dirs = viewDirs.filter((dir) => existsSync(dir));
    const options = { throwOnUndefined: true, trimBlocks: true, lstripBlocks: true };
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dirs), {
      ...options,
      autoescape: true,
    });
    this.textEnv = new nunjucks.Environment(new nunjucks.FileSystemLoader(dirs), {
      ...options,
      autoescape: false,
    });
  }

  /** The built-in page views (partials start with `_`). */
  static builtinViews(): string[] {
    return readdirSync(BUILTIN_VIEWS_DIR)
      .filter((name) => name.endsWith('.njk') && !name.startsWith('_'))
      .sort();
  }

  /** The built-in mail views, as `emails/<name>` (partials start with `_`). */
  static builtinEmails(): string[] {
    return readdirSync(join(BUILTIN_VIEWS_DIR, 'emails'))
      .filter((name) => name.endsWith('.njk') && !name.startsWith('_'))
      .map((name) => `emails/${name}`)
      .sort();
  }

  /** The best available language for an `Accept-Language` header. */
  negotiate(acceptLanguage: string | undefined): string {
    return this.translations.negotiate(acceptLanguage);
  }

  /** Renders `view` (e.g. `login.njk`) in `locale`; throws when the template is broken. */
  render(view: string, context: TemplateContext, locale: string): string {
    const t = this.translations.translator(locale);
    return this.env.render(view, { ...context, lang: locale, t });
  }

  /**
   * Renders a plain-text view (e.g. `emails/recovery.txt.njk`) without HTML escaping: only for
   * bodies that are never shown as HTML.
   */
  renderText(view: string, context: TemplateContext, locale: string): string {
    const t = this.translations.translator(locale);
    return this.textEnv.render(view, { ...context, lang: locale, t });
  }
}
