import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_TRANSLATIONS_DIR, BUILTIN_VIEWS_DIR, TemplateRenderer } from './template-renderer';
import { checkTemplates } from './template-check';
import { COMMON, EMAIL_SAMPLES, PARTIAL_SAMPLES, SAMPLES } from './template-samples';
import { Translations } from './translations';

function strictRenderer(missing: string[], viewDirs?: string[], translationDirs?: string[]) {
  const translations = new Translations({
    dirs: translationDirs ?? [BUILTIN_TRANSLATIONS_DIR],
    onMissingKey: (locale, key) => missing.push(`${locale}:${key}`),
  });
  return new TemplateRenderer(translations, viewDirs);
}

function leaves(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('templates check', () => {
  it('should have a sample context for every built-in view', () => {
    assert.deepEqual(TemplateRenderer.builtinViews(), Object.keys(SAMPLES).sort());
  });

  for (const view of TemplateRenderer.builtinViews()) {
    it(`should render ${view} in every language without a missing value or string`, () => {
      const missing: string[] = [];
      const renderer = strictRenderer(missing);
      for (const locale of renderer.translations.languages) {
        for (const sample of SAMPLES[view] ?? []) {
          const html = renderer.render(view, { ...COMMON, ...sample }, locale);
          assert.match(html, new RegExp(`<html lang="${locale}">`));
          assert.doesNotMatch(html, /TOKEN<&>/, 'values must be escaped');
        }
      }
      assert.deepEqual(missing, []);
    });
  }

  it('should have a sample context for every built-in mail view', () => {
    assert.deepEqual(TemplateRenderer.builtinEmails(), Object.keys(EMAIL_SAMPLES).sort());
  });

  for (const view of TemplateRenderer.builtinEmails()) {
    const html = view.endsWith('.html.njk');
    it(`should render the mail ${view} in every language without a missing value or string`, () => {
      const missing: string[] = [];
      const renderer = strictRenderer(missing);
      for (const locale of renderer.translations.languages) {
        for (const sample of EMAIL_SAMPLES[view] ?? []) {
          const out = html
            ? renderer.render(view, sample, locale)
            : renderer.renderText(view, sample, locale);
          if (html) {
            assert.match(out, new RegExp(`<html lang="${locale}">`));
            assert.match(out, /ticket=abc&amp;x=&lt;y&gt;/, 'values must be escaped in HTML');
          } else {
            assert.match(out, /ticket=abc&x=<y>/, 'plain text is not escaped');
            assert.doesNotMatch(out, /&amp;|&lt;/);
          }
        }
      }
      assert.deepEqual(missing, []);
    });
  }

  it('should translate every key of en.json in every shipped language', () => {
    const en = leaves(JSON.parse(readFileSync(join(BUILTIN_TRANSLATIONS_DIR, 'en.json'), 'utf8')));
    const fr = leaves(JSON.parse(readFileSync(join(BUILTIN_TRANSLATIONS_DIR, 'fr.json'), 'utf8')));
    assert.deepEqual(fr.sort(), en.sort());
  });

  it('should fail on a value the template uses but the page does not pass', () => {
    const renderer = strictRenderer([]);
    assert.throws(() => renderer.render('error.njk', { ...COMMON, request_id: null }, 'en'));
  });

  it('should report a string missing from the translations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mas-ts-views-'));
    writeFileSync(join(dir, 'probe.njk'), '{{ t("no.such.key") }}');
    const missing: string[] = [];
    strictRenderer(missing, [dir]).render('probe.njk', {}, 'en');
    assert.deepEqual(missing, ['en:no.such.key']);
  });
});

describe('TemplateRenderer overrides', () => {
  it('should search an admin directory before the built-in views', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mas-ts-views-'));
    writeFileSync(
      join(dir, 'login-disabled.njk'),
      '<p lang="{{ lang }}">custom {{ service_name }}</p>',
    );
    const renderer = strictRenderer([], [dir, BUILTIN_VIEWS_DIR]);
    assert.equal(
      renderer.render('login-disabled.njk', COMMON, 'fr'),
      '<p lang="fr">custom example.test</p>',
    );
    assert.match(renderer.render('account-locked.njk', COMMON, 'en'), /This account is locked/);
  });

  it('should ignore an admin directory that does not exist', () => {
    const renderer = strictRenderer([], ['/nonexistent/mas-ts', BUILTIN_VIEWS_DIR]);
    assert.match(renderer.render('account-locked.njk', COMMON, 'en'), /This account is locked/);
  });

  it('should let admin translations reword keys and add languages with en fallback', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mas-ts-i18n-'));
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ login: { submit: 'Go' } }));
    writeFileSync(join(dir, 'de.json'), JSON.stringify({ login: { password: 'Passwort' } }));
    const translations = new Translations({ dirs: [BUILTIN_TRANSLATIONS_DIR, dir] });
    assert.ok(translations.languages.includes('de'));
    assert.equal(translations.translator('en')('login.submit'), 'Go');
    assert.equal(translations.translator('en')('login.password'), 'Password');
    assert.equal(translations.translator('de')('login.password'), 'Passwort');
    assert.equal(translations.translator('de')('login.submit'), 'Go');
    assert.equal(translations.negotiate('de-AT, fr;q=0.5'), 'de');
    assert.equal(translations.negotiate('ja'), 'en');
  });
});

describe('checkTemplates (mas-ts templates check)', () => {
  it('should render every built-in view in every language without a failure', () => {
    const result = checkTemplates();
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.languages, ['en', 'fr']);
    const views =
      TemplateRenderer.builtinViews().length +
      TemplateRenderer.builtinEmails().length +
      Object.keys(PARTIAL_SAMPLES).length;
    assert.equal(new Set(result.renders.map((r) => r.view)).size, views);
  });

  it('should report a broken override, a missing value and a missing string by view', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mas-ts-views-'));
    writeFileSync(join(dir, 'login-disabled.njk'), '{% if %}');
    writeFileSync(join(dir, 'account-locked.njk'), '{{ no_such_value }}');
    writeFileSync(join(dir, 'recovery-disabled.njk'), '{{ t("no.such.key") }}');
    writeFileSync(join(dir, 'extra.njk'), 'x');
    const result = checkTemplates({ viewsPath: dir });
    const failed = (view: string) => result.failures.filter((f) => f.view === view);
    assert.equal(failed('login-disabled.njk').length, 2, 'one per language');
    assert.match(failed('login-disabled.njk')[0].message, /login-disabled\.njk.*Line 1/);
    assert.match(failed('account-locked.njk')[0].message, /account-locked\.njk.*undefined value/);
    assert.match(failed('recovery-disabled.njk')[0].message, /"no\.such\.key" is missing/);
    assert.deepEqual([...new Set(result.failures.map((f) => f.view))].sort(), [
      'account-locked.njk',
      'login-disabled.njk',
      'recovery-disabled.njk',
    ]);
    assert.deepEqual(result.unchecked, ['extra.njk']);
  });

  it('should check the languages an admin adds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mas-ts-i18n-'));
    writeFileSync(join(dir, 'de.json'), JSON.stringify({ login: { password: 'Passwort' } }));
    const result = checkTemplates({ translationsPath: dir });
    assert.deepEqual(result.failures, []);
    assert.ok(result.renders.some((r) => r.locale === 'de' && r.view === 'login.njk'));
  });
});
