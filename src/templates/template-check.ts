import { existsSync, readdirSync } from 'node:fs';
import { BUILTIN_TRANSLATIONS_DIR, BUILTIN_VIEWS_DIR, TemplateRenderer } from './template-renderer';
import { COMMON, EMAIL_SAMPLES, PARTIAL_SAMPLES, SAMPLES } from './template-samples';
import { Translations } from './translations';

export interface TemplateCheckOptions {
  /** An admin's views (`templates.path`), searched before the built-in ones. */
  viewsPath?: string;
  /** An admin's translations (`templates.translations_path`), merged over the built-in ones. */
  translationsPath?: string;
}

/** One render of a view with one sample context in one language. */
export interface TemplateRender {
  view: string;
  locale: string;
  /** Index of the sample context in its view's list. */
  sample: number;
  output: string;
}

export interface TemplateCheckFailure {
  view: string;
  locale: string | null;
  sample: number | null;
  message: string;
}

export interface TemplateCheckResult {
  languages: string[];
  renders: TemplateRender[];
  failures: TemplateCheckFailure[];
  /** Views in `viewsPath` that are not built-in views and so have no sample to render. */
  unchecked: string[];
}

function viewsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const pages = readdirSync(dir).filter((n) => n.endsWith('.njk') && !n.startsWith('_'));
  const emailDir = `${dir}/emails`;
  const emails = existsSync(emailDir)
    ? readdirSync(emailDir)
        .filter((n) => n.endsWith('.njk') && !n.startsWith('_'))
        .map((n) => `emails/${n}`)
    : [];
  return [...pages, ...emails];
}

/**
 * A Nunjucks error on one line: only its innermost part (Nunjucks wraps an error once per
 * include, extends and macro it passes through), which names the template, the position when
 * known, and the cause.
 */
function describe(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
  const parts = text
    .split('Template render error:')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^\([^)]*\)(?: \[Line \d+, Column \d+\])?$/.test(p));
  return parts[parts.length - 1] ?? text;
}

/**
 * Renders every built-in view (pages, mails and the partials that stand alone, such as
 * `_captcha.njk`) with each of its sample contexts in every
 * language, strictly: an undefined value, a syntax error or a string missing from the
 * translations is a failure (MAS `mas-cli templates check`, strict mode). Views are looked up
 * in `viewsPath` first, so an admin's overrides are what gets checked.
 */
export function checkTemplates(options: TemplateCheckOptions = {}): TemplateCheckResult {
  const missing: string[] = [];
  const translations = new Translations({
    dirs: [
      BUILTIN_TRANSLATIONS_DIR,
      ...(options.translationsPath ? [options.translationsPath] : []),
    ],
    onMissingKey: (_locale, key) => missing.push(key),
  });
  const renderer = new TemplateRenderer(translations, [
    ...(options.viewsPath ? [options.viewsPath] : []),
    BUILTIN_VIEWS_DIR,
  ]);
  const result: TemplateCheckResult = {
    languages: [...translations.languages],
    renders: [],
    failures: [],
    unchecked: [],
  };
  const views: [string, typeof SAMPLES, boolean][] = [
    ...TemplateRenderer.builtinViews().map((v): [string, typeof SAMPLES, boolean] => [
      v,
      SAMPLES,
      true,
    ]),
    ...TemplateRenderer.builtinEmails().map((v): [string, typeof SAMPLES, boolean] => [
      v,
      EMAIL_SAMPLES,
      false,
    ]),
    ...Object.keys(PARTIAL_SAMPLES).map((v): [string, typeof SAMPLES, boolean] => [
      v,
      PARTIAL_SAMPLES,
      false,
    ]),
  ];
  for (const [view, samples, isPage] of views) {
    const contexts = samples[view];
    if (!contexts || contexts.length === 0) {
      result.failures.push({ view, locale: null, sample: null, message: 'no sample context' });
      continue;
    }
    const text = view.endsWith('.txt.njk');
    for (const locale of result.languages) {
      contexts.forEach((sample, index) => {
        missing.length = 0;
        const context = isPage ? { ...COMMON, ...sample } : sample;
        try {
          const output = text
            ? renderer.renderText(view, context, locale)
            : renderer.render(view, context, locale);
          result.renders.push({ view, locale, sample: index, output });
        } catch (error) {
          result.failures.push({ view, locale, sample: index, message: describe(error) });
          return;
        }
        for (const key of new Set(missing)) {
          result.failures.push({
            view,
            locale,
            sample: index,
            message: `the string ${JSON.stringify(key)} is missing from the translations`,
          });
        }
      });
    }
  }
  if (options.viewsPath) {
    const known = new Set(views.map(([v]) => v));
    result.unchecked = viewsIn(options.viewsPath)
      .filter((v) => !known.has(v))
      .sort();
  }
  return result;
}
