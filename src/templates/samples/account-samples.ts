import type { TemplateContext } from '../template-renderer';

/** Sample contexts of the account pages other than the profile (src/account). */
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
export const ACCOUNT_PAGE_SAMPLES: Record<string, TemplateContext[]> = {
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
