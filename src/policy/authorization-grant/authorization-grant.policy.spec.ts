import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseScope } from '../../scopes/scope';
import type { SessionCounts } from '../common/session-limit';
import type { PolicyData } from '../policy-data/policy-data';
import {
  authorizationGrantViolations,
  type AuthorizationGrantPolicyInput,
} from './authorization-grant.policy';

const API = 'urn:matrix:client:api:*';
const counts = (total: number): SessionCounts => ({ total, oauth2: total, compat: 0, personal: 0 });

function check(over: Partial<AuthorizationGrantPolicyInput> = {}, data: Partial<PolicyData> = {}) {
  return authorizationGrantViolations(
    {
      user: { id: 'u', username: 'alice', canRequestAdmin: false },
      client: { id: 'client' },
      scope: parseScope(`openid ${API}`),
      grantType: 'authorization_code',
      requester: {},
      ...over,
    },
    { server_name: 'example.com', ...data },
  );
}

// Ported from MAS policies/authorization_grant/authorization_grant_test.rego.
describe('authorization_grant policy (MAS authorization_grant.rego)', () => {
  it('should apply the scope rules with admin_users and admin_clients from the data', () => {
    const admin = parseScope(`${API} urn:synapse:admin:*`);
    assert.deepEqual(check({ scope: admin }), [{ msg: "scope 'urn:synapse:admin:*' not allowed" }]);
    assert.deepEqual(check({ scope: admin }, { admin_users: ['alice'] }), []);
    const cc = {
      user: undefined,
      grantType: 'client_credentials' as const,
      scope: parseScope('urn:mas:admin'),
    };
    assert.deepEqual(check(cc).length, 1);
    assert.deepEqual(check(cc, { admin_clients: ['client'] }), []);
  });

  it('should refuse banned requesters by address and by user agent', () => {
    const data = {
      requester: { banned_ips: ['10.0.0.0/8'], banned_user_agents: { prefixes: ['Bad'] } },
    };
    assert.deepEqual(check({ requester: { ipAddress: '10.2.3.4' } }, data), [
      { msg: "Requester [10.2.3.4] isn't allowed to do this action" },
    ]);
    assert.deepEqual(check({ requester: { userAgent: 'BadBot/1' } }, data), [
      { msg: "Requester [BadBot/1] isn't allowed to do this action" },
    ]);
    assert.deepEqual(check({ requester: { ipAddress: '11.0.0.1', userAgent: 'Good' } }, data), []);
  });

  describe('session limit (too-many-sessions)', () => {
    const limit = { session_limit: { soft_limit: 2, hard_limit: 4 } };

    it('should allow while under the soft limit', () => {
      assert.deepEqual(check({ sessionCounts: counts(1) }, limit), []);
    });

    it('should refuse at the soft limit, asking to make room for one', () => {
      assert.deepEqual(check({ sessionCounts: counts(2) }, limit), [
        { code: 'too-many-sessions', msg: 'user has too many active sessions', need_to_remove: 1 },
      ]);
    });

    it('should ask to remove total - soft_limit + 1 above it', () => {
      assert.equal(check({ sessionCounts: counts(5) }, limit)[0]?.need_to_remove, 4);
    });

    it('should not apply without a limit or without counts', () => {
      assert.deepEqual(check({ sessionCounts: counts(50) }), []);
      assert.deepEqual(check({ sessionCounts: counts(50) }, { session_limit: null }), []);
      assert.deepEqual(check({}, limit), []);
    });

    it('should not apply above max_session_threshold, and apply at it', () => {
      const data = { session_limit: { soft_limit: 2, hard_limit: 4, max_session_threshold: 10 } };
      assert.equal(check({ sessionCounts: counts(10) }, data)[0]?.need_to_remove, 9);
      assert.deepEqual(check({ sessionCounts: counts(11) }, data), []);
      const unset = { session_limit: { ...data.session_limit, max_session_threshold: null } };
      assert.equal(check({ sessionCounts: counts(11) }, unset).length, 1);
    });
  });
});
