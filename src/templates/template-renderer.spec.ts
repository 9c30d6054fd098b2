import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  BUILTIN_TRANSLATIONS_DIR,
  BUILTIN_VIEWS_DIR,
  TemplateRenderer,
  type TemplateContext,
} from './template-renderer';
import { Translations } from './translations';

const COMMON: TemplateContext = {
  service_name: 'example.test',
  url: (path: string) => `https://auth.example.test/${path}`,
  csrf_token: 'TOKEN<&>',
  current_user: null,
};

const CONSENT_CLIENT = {
  name: 'Element <b>',
  clientUri: 'https://app.example/',
  logoUri: 'https://app.example/logo.png',
  policyUri: 'https://app.example/policy',
  tosUri: 'https://app.example/tos',
  selfRegistered: true,
};

const CONSENT_SAMPLES: TemplateContext[] = [
  { kind: 'web', host: 'app.example' },
  { kind: 'native', scheme: 'com.example.app' },
  { kind: 'loopback' },
].map((destination, i) => ({
  action: '/consent/01J',
  client:
    i === 0
      ? { ...CONSENT_CLIENT, destination }
      : {
          ...CONSENT_CLIENT,
          clientUri: null,
          logoUri: null,
          policyUri: null,
          tosUri: null,
          selfRegistered: false,
          destination,
        },
  scopes: [
    ...['openid', 'email', 'matrix_api', 'synapse_admin', 'mas_admin', 'mas_graphql'].map(
      (key) => ({ key, values: {} }),
    ),
    { key: 'matrix_device', values: { device: 'ABCDEFGHIJ' } },
    { key: 'other', values: { scope: 'x<y' } },
  ],
  violations: [],
  user: { username: 'alice', mxid: '@alice:example.test' },
  switch_account: '/login?reauth=1',
}));

/** One sample context per built-in view; a new view without one fails the check below. */
const SAMPLES: Record<string, TemplateContext[]> = {
  'login.njk': [
    {
      form: { username: '', next: null, error: null, reauth: false, retry_after: null },
      login_with_email: false,
      password_recovery: false,
      register_url: null,
    },
    {
      form: {
        username: 'alice',
        next: '/consent/1',
        error: 'invalid_credentials',
        reauth: true,
        retry_after: null,
      },
      login_with_email: true,
      password_recovery: true,
      register_url: 'register?next=%2Fconsent%2F1',
    },
    ...[1, 60, 2_000_000].map((seconds) => ({
      form: {
        username: 'alice',
        next: null,
        error: 'rate_limited',
        reauth: false,
        retry_after: seconds,
      },
      login_with_email: false,
      password_recovery: true,
      register_url: null,
    })),
  ],
  'index.njk': [{}, { current_user: { username: 'alice' } }],
  'error.njk': [
    { error: { title: 'T', message: 'M' }, request_id: null },
    { error: { title: 'T', message: 'M' }, request_id: 'req-1' },
  ],
  'account.njk': [{ user: { username: 'alice', mxid: '@alice:example.test' } }],
  'account-locked.njk': [{}],
  'consent.njk': CONSENT_SAMPLES,
  'consent-refused.njk': CONSENT_SAMPLES.map((s) => ({
    ...s,
    violations: ["scope 'x' not allowed"],
  })),
  'consent-too-many-sessions.njk': [
    {
      ...CONSENT_SAMPLES[0],
      need_to_remove: 1,
      sessions: [
        {
          value: 'oauth2:01J',
          kind: 'oauth2',
          name: 'Element <b>',
          deviceId: null,
          userAgent: 'Mozilla/5.0 <x>',
          lastActive: '2024-01-01 12:00 UTC',
          created: '2024-01-01 11:00 UTC',
        },
        {
          value: 'compat:01K',
          kind: 'compat',
          name: null,
          deviceId: 'ABCDEFGHIJ',
          userAgent: null,
          lastActive: null,
          created: '2024-01-01 11:00 UTC',
        },
        {
          value: 'oauth2:01L',
          kind: 'oauth2',
          name: null,
          deviceId: null,
          userAgent: null,
          lastActive: null,
          created: '2024-01-01 11:00 UTC',
        },
      ],
    },
    { ...CONSENT_SAMPLES[1], need_to_remove: 3, sessions: [] },
  ],
  'form-post.njk': [
    {
      action: 'https://app.example/cb',
      fields: [
        ['code', 'c<>'],
        ['iss', 'i'],
      ],
    },
  ],
  'authorization-error.njk': [
    'missing_client_id',
    'unknown_client',
    'missing_redirect_uri',
    'invalid_redirect_uri',
    'repeated_parameter',
  ].map((reason) => ({ reason })),
  'authorization-stale.njk': ['not_found', 'completed', 'expired'].map((reason) => ({ reason })),
  'account-deactivated.njk': [{}],
  'login-disabled.njk': [{}],
  'compat-sso.njk': [
    {
      action: '/complete-compat-sso/01J00000000000000000000000',
      target: { host: 'client.example', url: 'https://client.example/cb?a=<b>' },
      user: { username: 'alice', mxid: '@alice:example.test' },
      switch_account: '/login?reauth=1',
    },
  ],
  'compat-sso-ended.njk': [
    ...['not_found', 'completed', 'expired', 'cancelled'].map((reason) => ({
      reason,
      violations: [],
    })),
    { reason: 'refused', violations: ["Requester [ip 192.0.2.1] isn't allowed <here>"] },
  ],
  'device-link.njk': [
    { form: { code: '', error: null, retry_after: null } },
    { form: { code: 'BCDF-GHJK', error: null, retry_after: null } },
    { form: { code: 'x<y', error: 'invalid_code', retry_after: null } },
    ...[1, 600].map((seconds) => ({
      form: { code: 'BCDF', error: 'rate_limited', retry_after: seconds },
    })),
  ],
  'device-consent.njk': [CONSENT_SAMPLES[0], CONSENT_SAMPLES[1]].flatMap((s) => [
    { ...s, action: '/device/01J00000000000000000000000' },
    {
      ...s,
      action: '/device/01J00000000000000000000000',
      violations: ["scope 'urn:mas:admin' not allowed"],
    },
  ]),
  'device-done.njk': ['approved', 'rejected'].map((outcome) => ({
    outcome,
    client: CONSENT_CLIENT,
  })),
  'recover.njk': [
    { form: { email: '', error: null, retry_after: null } },
    { form: { email: 'not-an-address<', error: 'invalid_email', retry_after: null } },
    ...[1, 3600].map((seconds) => ({
      form: { email: 'a@mail.test', error: 'rate_limited', retry_after: seconds },
    })),
  ],
  'recover-sent.njk': [{ email: 'alice@mail.test', minutes: 10 }],
  'recovery-disabled.njk': [{}],
  'recovery-password.njk': [null, 'empty', 'mismatch', 'invalid_password', 'too_weak'].map(
    (error, i) => ({
      form: {
        ticket: 'T<i>',
        username: 'alice',
        mxid: '@alice:example.test',
        error,
        end_sessions: i % 2 === 0,
      },
    }),
  ),
  'recovery-ticket-invalid.njk': ['unknown', 'expired', 'consumed', 'locked'].map((reason) => ({
    reason,
    minutes: 10,
  })),
  'recovery-done.njk': [{ ended_sessions: true }, { ended_sessions: false }],
  'register.njk': [
    ...[
      {},
      { form: 'rate_limited' },
      { form: 'captcha' },
      { form: 'policy_denied' },
      ...['required', 'username-too-short', 'username-too-long', 'username-invalid-chars']
        .concat(['username-all-numeric', 'username-banned', 'username-not-allowed', 'taken'])
        .concat(['unavailable', 'homeserver_error'])
        .map((username) => ({ username })),
      ...['required', 'invalid', 'email-domain-not-allowed', 'email-domain-banned']
        .concat(['email-not-allowed', 'email-banned', 'rate_limited'])
        .map((email) => ({ email })),
      { password: 'required', terms: 'required' },
      { password: 'too_weak' },
      { password_confirm: 'mismatch' },
    ].map((errors, i) => ({
      form: {
        username: 'alice<',
        email: 'a@mail.test',
        next: i % 2 === 0 ? null : '/consent/1',
        accept_terms: i % 2 === 0,
        errors,
        retry_after: 'form' in errors || 'email' in errors ? 30 : null,
        password_score: 'password' in errors ? i % 5 : null,
      },
      email_required: i % 2 === 0,
      tos_uri: i % 2 === 0 ? 'https://example.test/tos' : null,
      captcha: null,
      login_url: '/login',
    })),
  ],
  'register-verify-email.njk': [
    null,
    'wrong_code',
    'expired',
    'too_many_attempts',
    'resend_rate_limited',
  ].map((error, i) => ({
    action: '/register/steps/01J/verify-email',
    email: 'alice@mail.test',
    minutes: 10,
    error,
    resent: i === 0,
    retry_after: i >= 3 ? 60 : null,
  })),
  'register-token.njk': [null, 'required', 'invalid', 'expired', 'revoked', 'used_up'].map(
    (error) => ({ action: '/register/steps/01J/token', error }),
  ),
  'register-display-name.njk': [null, 'too_long'].map((error) => ({
    action: '/register/steps/01J/display-name',
    username: 'alice',
    display_name: 'Alice <',
    max_length: 256,
    error,
  })),
  'registration-disabled.njk': [{}],
  'registration-invalid.njk': [
    'unknown',
    'expired',
    'completed',
    'email_in_use',
    'taken',
    'unavailable',
    'homeserver_error',
  ].map((reason) => ({ reason })),
  'account-emails.njk': [
    ...[
      null,
      'invalid',
      'already_added',
      'unknown_email',
      'email-domain-banned',
      'rate_limited',
    ].map((error) => ({
      emails: [{ id: '01J', email: 'alice@mail.test' }],
      can_change: true,
      form: { email: 'x<', error, retry_after: error === 'rate_limited' ? 30 : null },
    })),
    {
      emails: [],
      can_change: false,
      form: { email: '', error: 'not_allowed', retry_after: null },
    },
  ],
  'account-email-verify.njk': [null, 'wrong_code', 'too_many_attempts'].map((error, i) => ({
    action: '/account/emails/01J/verify',
    email: 'alice@mail.test',
    minutes: 10,
    error,
    resent: i === 0,
    retry_after: error === 'too_many_attempts' ? 60 : null,
  })),
  'account-email-in-use.njk': [{ email: 'alice@mail.test' }],
  'account-email-invalid.njk': [{}],
};

/** One sample context per built-in mail view (rendered as HTML or as plain text). */
const EMAIL_SAMPLES: Record<string, TemplateContext[]> = {
  'emails/recovery.html.njk': [1, 10].map((minutes) => ({
    service_name: 'example.test',
    username: 'alice',
    mxid: '@alice:example.test',
    link: 'https://auth.example.test/account/password/recovery?ticket=abc&x=<y>',
    minutes,
  })),
};
EMAIL_SAMPLES['emails/recovery.txt.njk'] = EMAIL_SAMPLES['emails/recovery.html.njk'];
EMAIL_SAMPLES['emails/verification.html.njk'] = [1, 10].map((minutes) => ({
  service_name: 'example.test',
  code: '012345',
  // Carries the escaping probe the mail checks below look for.
  email: 'alice@mail.test?ticket=abc&x=<y>',
  minutes,
}));
EMAIL_SAMPLES['emails/verification.txt.njk'] = EMAIL_SAMPLES['emails/verification.html.njk'];

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
