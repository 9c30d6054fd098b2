import type { TemplateContext } from './template-renderer';

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

const SESSION_VIEW = {
  id: '01J00000000000000000000000',
  kind: 'oauth2',
  name: null,
  client_name: 'Element <b>',
  client_id: '01J00000000000000000000001',
  device_id: 'DEVICE<1>',
  created: { iso: '2024-01-01T12:00:00.000Z', text: '2024-01-01 12:00 UTC' },
  last_active: null,
  finished: null,
  ip: '192.0.2.1',
  user_agent: 'Mozilla/5.0 <x>',
  user_agent_summary: 'Firefox 128 · Linux',
  current: false,
  renamable: true,
  active: true,
};
const SESSION_VIEWS = [
  SESSION_VIEW,
  { ...SESSION_VIEW, kind: 'compat', client_name: null, client_id: null, name: 'My <phone>' },
  {
    ...SESSION_VIEW,
    kind: 'browser',
    client_name: null,
    client_id: null,
    device_id: null,
    current: true,
    renamable: false,
    last_active: { iso: '2024-01-02T12:00:00.000Z', text: '2024-01-02 12:00 UTC' },
  },
  {
    ...SESSION_VIEW,
    kind: 'compat',
    client_name: null,
    device_id: null,
    ip: null,
    user_agent: null,
    user_agent_summary: null,
    renamable: false,
    active: false,
    finished: { iso: '2024-01-03T12:00:00.000Z', text: '2024-01-03 12:00 UTC' },
  },
];

/** The account pages other than the profile (src/account). */
const ACCOUNT_PAGE_SAMPLES: Record<string, TemplateContext[]> = {
  'account-feature-disabled.njk': ['display_name', 'password', 'deactivation'].map((feature) => ({
    feature,
  })),
  'account-password.njk': [
    null,
    'wrong_password',
    'mismatch',
    'empty',
    'too_weak',
    'rate_limited',
  ].flatMap((error, i) => [
    {
      form: {
        has_password: i !== 3,
        error,
        end_sessions: i % 2 === 0,
        retry_after: error === 'rate_limited' ? 30 : null,
      },
    },
  ]),
  'account-password-done.njk': [{ ended_sessions: null }, { ended_sessions: 3 }],
  'account-sessions.njk': [
    {
      apps: SESSION_VIEWS.filter((s) => s.kind !== 'browser'),
      browsers: SESSION_VIEWS.filter((s) => s.kind === 'browser'),
      total_apps: 3,
      total_browsers: 1,
      capped: true,
      limit: 100,
      others: 3,
    },
    {
      apps: [],
      browsers: [SESSION_VIEWS[2]],
      total_apps: 0,
      total_browsers: 1,
      capped: false,
      limit: 100,
      others: 0,
    },
  ],
  'account-session.njk': SESSION_VIEWS.flatMap((session, i) =>
    [null, 'empty', 'too_long', 'not_renamable', 'homeserver'].map((error) => ({
      session,
      confirm_end: i === 0,
      saved: i === 1,
      form: { name: 'N<a>', error },
      max_name_length: 256,
    })),
  ),
  'account-session-ended.njk': SESSION_VIEWS.map((session) => ({ session })),
  'account-sessions-ended.njk': [{ ended: { apps: 2, browsers: 1 } }],
  'account-session-unknown.njk': [{ device_id: null }, { device_id: 'DEV<ICE>' }],
  'account-deactivate.njk': [null, 'wrong_password', 'wrong_confirmation', 'rate_limited'].flatMap(
    (error) =>
      [true, false].map((needs) => ({
        form: {
          username: 'alice',
          needs_password: needs,
          error,
          erase: needs,
          retry_after: error === 'rate_limited' ? 5 : null,
        },
      })),
  ),
  'account-deactivate-done.njk': [{ erased: false }, { erased: true }],
  'account-cross-signing-reset.njk': [
    { minutes: 10, error: null },
    { minutes: 10, error: 'homeserver' },
  ],
  'account-cross-signing-reset-done.njk': [{ minutes: 10 }],
};

const ADMIN = { current_user: { username: 'root', admin: true } };

const ADMIN_USER_ROW = {
  id: '01J00000000000000000000000',
  username: 'bob<',
  mxid: '@bob<:example.test',
  status: 'active',
  admin: false,
  created_at: '2026-01-01 10:00 UTC',
  locked_at: null,
  deactivated_at: null,
};

const ADMIN_SESSION_ROW = {
  id: '01J00000000000000000000001',
  label: 'Element <x>',
  scope: 'openid urn:matrix:client:api:*',
  created_at: '2026-01-01 10:00 UTC',
  last_active_at: null,
  last_active_ip: '127.0.0.1',
  user_agent: 'Mozilla <5.0>',
};

const ADMIN_USER_SAMPLE = {
  ...ADMIN,
  user: { ...ADMIN_USER_ROW, is_self: false },
  emails: [{ email: 'bob@mail.test', created_at: '2026-01-01 10:00 UTC' }],
  sessions: {
    oauth2: { rows: [ADMIN_SESSION_ROW], total: 51 },
    compat: { rows: [{ ...ADMIN_SESSION_ROW, label: null, scope: null }], total: 1 },
    browser: { rows: [], total: 0 },
    personal: { rows: [ADMIN_SESSION_ROW], total: 1 },
  },
  notice: null,
  problem: null,
  password: { enabled: true, error: null, skip_check: false },
};

const ADMIN_TOKEN_ROW = {
  id: '01J00000000000000000000002',
  token: 'tok<en>',
  valid: true,
  usage_limit: null,
  unlimited: true,
  times_used: 0,
  created_at: '2026-01-01 10:00 UTC',
  last_used_at: null,
  expires_at: null,
  revoked_at: null,
};

const ADMIN_SAMPLES: Record<string, TemplateContext[]> = {
  'admin-forbidden.njk': [{ current_user: { username: 'eve', admin: false } }],
  'admin-users.njk': [
    {
      ...ADMIN,
      form: { q: '', state: '' },
      states: ['active', 'locked', 'deactivated', 'admin'],
      error: null,
      results: { users: [], total: 0, next: null, previous: null },
    },
    {
      ...ADMIN,
      form: { q: 'bo<', state: 'locked' },
      states: ['active', 'locked', 'deactivated', 'admin'],
      error: null,
      results: {
        users: [ADMIN_USER_ROW, { ...ADMIN_USER_ROW, status: 'locked', admin: true }],
        total: 2,
        next: '/account/admin?after=X',
        previous: '/account/admin?before=Y',
      },
    },
    {
      ...ADMIN,
      form: { q: '', state: '' },
      states: ['active', 'locked', 'deactivated', 'admin'],
      error: 'invalid_state',
      results: null,
    },
  ],
  'admin-user.njk': [
    ADMIN_USER_SAMPLE,
    ...[
      'locked',
      'unlocked',
      'deactivation_queued',
      'reactivation_queued',
      'password_set',
      'promoted',
      'demoted',
      'session_ended',
      'session_already_ended',
    ].map((notice) => ({ ...ADMIN_USER_SAMPLE, notice })),
    ...['self_lock', 'self_deactivate'].map((problem) => ({
      ...ADMIN_USER_SAMPLE,
      user: { ...ADMIN_USER_ROW, is_self: true, admin: true },
      problem,
    })),
    ...['empty', 'mismatch', 'too_weak', 'disabled'].map((error) => ({
      ...ADMIN_USER_SAMPLE,
      password: { enabled: true, error, skip_check: true },
    })),
    {
      ...ADMIN_USER_SAMPLE,
      user: {
        ...ADMIN_USER_ROW,
        status: 'locked',
        locked_at: '2026-01-02 10:00 UTC',
        is_self: false,
      },
    },
    {
      ...ADMIN_USER_SAMPLE,
      user: {
        ...ADMIN_USER_ROW,
        status: 'deactivated',
        locked_at: '2026-01-02 10:00 UTC',
        deactivated_at: '2026-01-02 10:00 UTC',
        is_self: false,
      },
      password: { enabled: false, error: null, skip_check: false },
      emails: [],
    },
  ],
  'admin-confirm.njk': ['deactivate', 'reactivate', 'demote_self'].map((action) => ({
    ...ADMIN,
    user: ADMIN_USER_ROW,
    action,
  })),
  'admin-registration-tokens.njk': [
    {
      ...ADMIN,
      tokens: [],
      total: 0,
      notice: null,
      issued: null,
      older: null,
      newer: null,
      form: { token: '', usage_limit: '', expires_at: '', errors: {} },
      max_length: 255,
    },
    ...[
      {},
      { token: 'invalid', usage_limit: 'invalid', expires_at: 'invalid' },
      { token: 'taken', expires_at: 'past' },
    ].map((errors) => ({
      ...ADMIN,
      tokens: [
        ADMIN_TOKEN_ROW,
        {
          ...ADMIN_TOKEN_ROW,
          valid: false,
          usage_limit: 3,
          unlimited: false,
          times_used: 3,
          last_used_at: '2026-01-02 10:00 UTC',
          expires_at: '2027-01-02 10:00 UTC',
          revoked_at: '2026-01-03 10:00 UTC',
        },
      ],
      total: 2,
      notice: 'issued',
      issued: ADMIN_TOKEN_ROW,
      older: '/account/admin/registration-tokens?older_than=A',
      newer: '/account/admin/registration-tokens?newer_than=B',
      form: { token: 'x<', usage_limit: '0', expires_at: 'soon', errors },
      max_length: 255,
    })),
    ...['revoked', 'unrevoked', 'unchanged'].map((notice) => ({
      ...ADMIN,
      tokens: [],
      total: 0,
      notice,
      issued: null,
      older: null,
      newer: null,
      form: { token: '', usage_limit: '', expires_at: '', errors: {} },
      max_length: 255,
    })),
  ],
  'admin-policy-data.njk': [
    {
      ...ADMIN,
      current: null,
      static_json: '{"server_name": "<x>"}',
      form: { data: '{}', error: null, detail: null },
      saved: false,
    },
    ...['empty', 'too_long', 'not_an_object'].map((error) => ({
      ...ADMIN,
      current: { id: '01J', created_at: '2026-01-01 10:00 UTC', json: '{}' },
      static_json: '{}',
      form: { data: '[1]', error, detail: null },
      saved: false,
    })),
    ...['invalid_json', 'rejected'].map((error) => ({
      ...ADMIN,
      current: { id: '01J', created_at: '2026-01-01 10:00 UTC', json: '{}' },
      static_json: '{}',
      form: { data: '{</textarea>', error, detail: 'Unexpected token <' },
      saved: true,
    })),
  ],
};

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
  'register.njk': [
    ...[
      {},
      { form: 'rate_limited' },
      { form: 'captcha' },
      { form: 'captcha_unavailable' },
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
      captcha:
        i % 3 === 0
          ? {
              service: 'hcaptcha',
              site_key: 'k<ey>',
              script_url: 'https://js.hcaptcha.com/1/api.js',
            }
          : null,
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
