import type { TemplateContext } from './template-renderer';
import { ACCOUNT_PAGE_SAMPLES } from './samples/account-samples';
import { ADMIN_SAMPLES } from './samples/admin-samples';
import { REGISTRATION_SAMPLES } from './samples/registration-samples';

/*
 * Sample contexts for every built-in view, shared by template-renderer.spec.ts and
 * `mas-ts templates check` (MAS `TemplateContext::sample` / `check_render`). Values hold
 * characters HTML must escape so that a template printing them raw shows up.
 */

/** Values every page gets from the web layer. */
export const COMMON: TemplateContext = {
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

/**
 * One or more sample contexts per built-in page view; a new view without one fails
 * `templates check` and its spec.
 */

export const SAMPLES: Record<string, TemplateContext[]> = {
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
  'account.njk': [
    { editable: true, known: true, saved: false, error: null, value: 'Alice <b>' },
    { editable: true, known: false, saved: true, error: 'too_long', value: '' },
    { editable: true, known: true, saved: false, error: 'homeserver', value: 'A' },
    { editable: false, known: true, saved: false, error: null, value: '' },
    { editable: false, known: true, saved: false, error: null, value: 'Alice' },
  ].map((display_name, i) => ({
    user: { username: 'alice', mxid: '@alice:example.test' },
    display_name: { ...display_name, max_length: 256 },
    can: { change_password: i % 2 === 0, deactivate: i !== 1 },
  })),
  ...ACCOUNT_PAGE_SAMPLES,
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
  ...REGISTRATION_SAMPLES,
  ...ADMIN_SAMPLES,
};

/** One sample context per built-in mail view (rendered as HTML or as plain text). */
export const EMAIL_SAMPLES: Record<string, TemplateContext[]> = {
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

/**
 * Sample contexts for partials that render on their own (no `extends`), so that an admin's
 * override of one is checked even before a page includes it.
 */
export const PARTIAL_SAMPLES: Record<string, TemplateContext[]> = {
  '_captcha.njk': [
    { captcha: null },
    ...[
      ['recaptcha_v2', 'https://www.google.com/recaptcha/api.js'],
      ['hcaptcha', 'https://js.hcaptcha.com/1/api.js?recaptchacompat=off'],
      ['cloudflare_turnstile', 'https://challenges.cloudflare.com/turnstile/v0/api.js'],
    ].map(([service, script_url]) => ({
      captcha: { service, site_key: 'site-key"<x>', script_url },
    })),
  ],
};
