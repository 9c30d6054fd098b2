import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CaptchaService } from '../config';
import {
  BUILTIN_TRANSLATIONS_DIR,
  BUILTIN_VIEWS_DIR,
  TemplateRenderer,
  Translations,
} from '../templates';
import { CAPTCHA_SERVICE_TRAITS } from './captcha-services';

/** A probe page including the partial inside a form, as a registration page would. */
function renderer(missing: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'mas-ts-captcha-'));
  writeFileSync(join(dir, 'probe.njk'), '<form>{% include "_captcha.njk" %}</form>');
  const translations = new Translations({
    dirs: [BUILTIN_TRANSLATIONS_DIR],
    onMissingKey: (locale, key) => missing.push(`${locale}:${key}`),
  });
  return new TemplateRenderer(translations, [dir, BUILTIN_VIEWS_DIR]);
}

describe('_captcha.njk', () => {
  it('should render nothing when no CAPTCHA is configured', () => {
    const html = renderer([]).render('probe.njk', { captcha: null }, 'en');
    assert.equal(html.replace(/\s/g, ''), '<form></form>');
  });

  for (const [service, traits] of Object.entries(CAPTCHA_SERVICE_TRAITS)) {
    it(`should render the ${service} script, widget and a no-script note in every language`, () => {
      const missing: string[] = [];
      const r = renderer(missing);
      for (const locale of r.translations.languages) {
        const captcha = {
          service: service as CaptchaService,
          site_key: 'key"<x>',
          script_url: traits.scriptUrl,
        };
        const html = r.render('probe.njk', { captcha }, locale);
        const script = traits.scriptUrl.replace(/&/g, '&amp;');
        assert.ok(html.includes(`<script src="${script}" async defer></script>`), html);
        assert.ok(
          html.includes(`<div class="${traits.widgetClass}" data-sitekey="key&quot;&lt;x&gt;">`),
          html,
        );
        assert.match(html, /<noscript><p class="captcha-noscript">[^<]*JavaScript[^<]*<\/p>/);
      }
      assert.deepEqual(missing, []);
    });
  }
});
