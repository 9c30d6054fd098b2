import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateConfig } from '../../src/config';
import { runCli } from '../setup/run-cli';
import { writeTempFiles } from '../setup/test-config';

/** A config whose `templates.path` / `translations_path` are fresh temporary directories. */
function setup() {
  const root = mkdtempSync(join(tmpdir(), 'mas-ts-templates-'));
  const views = join(root, 'views');
  const translations = join(root, 'translations');
  mkdirSync(views);
  mkdirSync(translations);
  const files = writeTempFiles(
    generateConfig(),
    `matrix:\n  homeserver: example.test\ntemplates:\n  path: ${views}\n  translations_path: ${translations}\n`,
  );
  const cli = (...args: string[]) => runCli([...files.flatMap((f) => ['-c', f]), ...args]);
  return { root, views, translations, cli };
}

describe('mas-ts templates check', () => {
  it('should render the shipped templates in every language and exit 0', () => {
    const { cli } = setup();
    const r = cli('templates', 'check');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /templates ok: \d+ views, \d+ renders in en, fr/);
  });

  it('should check custom templates and translations, and write renders with --out-dir', () => {
    const { root, views, translations, cli } = setup();
    writeFileSync(
      join(views, 'login-disabled.njk'),
      '{% extends "_layout.njk" %}{% block content %}<p>{{ t("custom.closed") }}</p>{% endblock %}',
    );
    writeFileSync(join(translations, 'en.json'), JSON.stringify({ custom: { closed: 'Closed!' } }));
    writeFileSync(join(translations, 'de.json'), JSON.stringify({ custom: { closed: 'Zu!' } }));
    const out = join(root, 'out');
    const r = cli('templates', 'check', '--out-dir', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /in en, fr, de/);
    const files = readdirSync(out);
    assert.ok(files.includes('login-sample=0-locale=en.html'), files.join(' '));
    assert.ok(files.includes('emails_recovery-sample=1-locale=fr.txt'), files.join(' '));
    assert.ok(files.includes('emails_recovery-sample=1-locale=fr.html'), files.join(' '));
    assert.match(readFileSync(join(out, 'login-disabled-sample=0-locale=de.html'), 'utf8'), /Zu!/);
    const again = cli('templates', 'check', '--out-dir', out);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not empty/);
  });

  it('should exit 1 naming the broken template, language and position', () => {
    const { views, cli } = setup();
    writeFileSync(join(views, 'login-disabled.njk'), '<p>{% if %}</p>');
    writeFileSync(join(views, 'account-locked.njk'), '<p>{{ t("no.such.string") }}</p>');
    writeFileSync(join(views, '_captcha.njk'), '{{ captcha.site_key | no_such_filter }}');
    const r = cli('templates', 'check');
    assert.equal(r.status, 1);
    const count = /(\d+) template check\(s\) failed/.exec(r.stderr);
    assert.ok(count, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length - 1, Number(count[1]), 'one line per failure');
    // A page that includes the broken partial names the partial, once.
    assert.match(
      r.stderr,
      /register\.njk \(language en, sample 0\): \([^)]*_captcha\.njk\) Error: filter not found: no_such_filter\n/,
    );
    assert.match(r.stderr, /_captcha\.njk \(language fr, sample 3\): .*no_such_filter/);
    assert.match(
      r.stderr,
      /login-disabled\.njk \(language en, sample 0\): .*login-disabled\.njk\) \[Line 1, Column \d+\]/,
    );
    assert.match(
      r.stderr,
      /account-locked\.njk \(language fr, sample 0\): the string "no\.such\.string" is missing/,
    );
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    assert.equal(r.stdout, '');
  });
});
