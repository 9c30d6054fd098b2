import type { TemplateContext } from '../template-renderer';

/** Sample contexts of the admin pages (src/account/admin). */
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

export const ADMIN_SAMPLES: Record<string, TemplateContext[]> = {
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
