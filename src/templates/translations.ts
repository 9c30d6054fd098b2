import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { negotiateLocale } from './negotiate-locale';

export const DEFAULT_LOCALE = 'en';

type Tree = { [key: string]: string | Tree };

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isTree(value) && isTree(current) ? merge(current, value) : value;
  }
  return out;
}

/** `<lang>.json` files of a directory, keyed by language tag; a missing directory has none. */
function readDirectory(dir: string): Map<string, Tree> {
  const files = new Map<string, Tree>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) {
    const m = /^([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)\.json$/.exec(name);
    if (!m) continue;
    const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    if (!isTree(parsed)) throw new Error(`translation file ${join(dir, name)} is not an object`);
    files.set(m[1], parsed);
  }
  return files;
}

export interface TranslationsOptions {
  /** Directories of `<lang>.json` files; later ones override keys of earlier ones. */
  dirs: string[];
  /** Called for every key missing in the requested language and in `en` (tests make it fail). */
  onMissingKey?: (locale: string, key: string) => void;
}

/**
 * The UI strings, one i18next resource bundle per language. Keys missing in a language come
 * from `en`; an admin's `templates.translations_path` adds languages or rewords keys.
 */
export class Translations {
  readonly languages: readonly string[];
  private readonly i18n: i18n;

  constructor(options: TranslationsOptions) {
    let bundles = new Map<string, Tree>();
    for (const dir of options.dirs) {
      for (const [lang, tree] of readDirectory(dir)) {
        bundles.set(lang, merge(bundles.get(lang) ?? {}, tree));
      }
    }
    if (!bundles.has(DEFAULT_LOCALE)) bundles = new Map([[DEFAULT_LOCALE, {}], ...bundles]);
    this.languages = [...bundles.keys()];
    this.i18n = i18next.createInstance();
    const onMissing = options.onMissingKey;
    void this.i18n.init({
      initAsync: false,
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...this.languages],
      load: 'currentOnly',
      resources: Object.fromEntries(
        [...bundles].map(([lang, tree]) => [lang, { translation: tree }]),
      ),
      // Nunjucks autoescapes whatever `t` returns; escaping here too would double it.
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
      saveMissing: onMissing !== undefined,
      missingKeyHandler: onMissing
        ? (lngs: readonly string[], _ns: string, key: string) => onMissing(lngs.join(','), key)
        : false,
    });
  }

  /** The best available language for an `Accept-Language` header, `en` when none fits. */
  negotiate(acceptLanguage: string | undefined): string {
    return negotiateLocale(acceptLanguage, this.languages, DEFAULT_LOCALE);
  }

  /** A translate function bound to `locale` (unknown locales translate as `en`). */
  translator(locale: string): TFunction {
    return this.i18n.getFixedT(this.languages.includes(locale) ? locale : DEFAULT_LOCALE);
  }
}
