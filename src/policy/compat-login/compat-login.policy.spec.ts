import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionCounts } from '../common/session-limit';
import type { PolicyData } from '../policy-data/policy-data';
import {
  compatLoginViolations,
  type CompatLoginPolicyInput,
  type CompatLoginType,
} from './compat-login.policy';

const counts = (total: number): SessionCounts => ({ total, oauth2: 0, compat: total, personal: 0 });
const LIMIT = { session_limit: { soft_limit: 2, hard_limit: 4 } };

function check(
  type: CompatLoginType,
  total: number,
  over: Partial<CompatLoginPolicyInput> = {},
  data: Partial<PolicyData> = LIMIT,
) {
  return compatLoginViolations(
    {
      user: { id: 'u', username: 'alice' },
      login: { type },
      sessionReplaced: false,
      sessionCounts: counts(total),
      requester: {},
      ...over,
    },
    { server_name: 'example.com', ...data },
  );
}

// Ported from MAS policies/compat_login/compat_login_test.rego.
describe('compat_login policy (MAS compat_login.rego)', () => {
  it('should hold interactive m.login.sso to the soft limit', () => {
    assert.deepEqual(check('m.login.sso', 1), []);
    assert.deepEqual(check('m.login.sso', 2), [
      {
        code: 'too-many-sessions',
        msg: 'user has too many active sessions (soft limit)',
        need_to_remove: 1,
      },
    ]);
  });

  for (const type of ['m.login.password', 'm.login.token'] as const) {
    it(`should hold ${type} to the hard limit`, () => {
      assert.deepEqual(check(type, 3), []);
      assert.deepEqual(check(type, 4), [
        {
          code: 'too-many-sessions',
          msg: 'user has too many active sessions (hard limit)',
          need_to_remove: 1,
        },
      ]);
      assert.equal(check(type, 6)[0]?.need_to_remove, 3);
    });
  }

  it('should not limit a login that replaces a session', () => {
    assert.deepEqual(check('m.login.password', 10, { sessionReplaced: true }), []);
    assert.deepEqual(check('m.login.sso', 10, { sessionReplaced: true }), []);
  });

  it('should not limit without a session limit', () => {
    assert.deepEqual(check('m.login.password', 100, {}, {}), []);
    assert.deepEqual(check('m.login.password', 100, {}, { session_limit: null }), []);
  });

  it('should not limit accounts above max_session_threshold', () => {
    const data = { session_limit: { soft_limit: 2, hard_limit: 4, max_session_threshold: 5 } };
    assert.equal(check('m.login.password', 5, {}, data).length, 1);
    assert.deepEqual(check('m.login.password', 6, {}, data), []);
  });

  it('should refuse banned requesters, whatever the limit', () => {
    const data = { requester: { banned_user_agents: { literals: ['evil'] } } };
    assert.deepEqual(check('m.login.password', 0, { requester: { userAgent: 'evil' } }, data), [
      { msg: "Requester [evil] isn't allowed to do this action" },
    ]);
  });
});
