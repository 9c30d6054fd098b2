import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyData } from '../policy-data/policy-data';
import { registerViolations, type RegisterPolicyInput } from './register.policy';

const DATA: PolicyData = { server_name: 'example.com' };

function check(over: Partial<RegisterPolicyInput> = {}, data: Partial<PolicyData> = {}) {
  return registerViolations(
    { registrationMethod: 'password', username: 'alice', requester: {}, ...over },
    { ...DATA, ...data },
  );
}
const codes = (vs: ReturnType<typeof check>) => vs.map((v) => v.code ?? v.msg);

// Ported from MAS policies/register/register_test.rego.
describe('register policy (MAS register.rego)', () => {
  it('should allow a plain username by both methods', () => {
    assert.deepEqual(check(), []);
    assert.deepEqual(check({ registrationMethod: 'upstream-oauth2' }), []);
  });

  it('should refuse an empty username (username-too-short)', () => {
    assert.deepEqual(check({ username: '' }), [
      { field: 'username', code: 'username-too-short', msg: 'username too short' },
      {
        field: 'username',
        code: 'username-invalid-chars',
        msg: 'username contains invalid characters',
      },
    ]);
  });

  it('should refuse a username whose MXID exceeds 255 characters (username-too-long)', () => {
    // `@` + 242 + `:example.com` (12) = 255: allowed; one more is too long.
    assert.deepEqual(check({ username: 'a'.repeat(242) }), []);
    assert.deepEqual(codes(check({ username: 'a'.repeat(243) })), ['username-too-long']);
  });

  it('should refuse an all-numeric username (username-all-numeric)', () => {
    assert.deepEqual(check({ username: '1234' }), [
      {
        field: 'username',
        code: 'username-all-numeric',
        msg: 'username must contain at least one non-numeric character',
      },
    ]);
    assert.deepEqual(check({ username: '1234a' }), []);
  });

  for (const username of ['Alice', 'al ice', 'alice!', 'élise', 'a:b']) {
    it(`should refuse invalid characters in '${username}' (username-invalid-chars)`, () => {
      assert.deepEqual(codes(check({ username })), ['username-invalid-chars']);
    });
  }
  it('should allow every character of the grammar', () => {
    assert.deepEqual(check({ username: 'a.b=c_d/e+f-g0' }), []);
  });

  it('should refuse banned usernames (username-banned)', () => {
    const data = {
      registration: { banned_usernames: { literals: ['admin'], prefixes: ['bot-'] } },
    };
    assert.deepEqual(check({ username: 'admin' }, data), [
      { field: 'username', code: 'username-banned', msg: 'username is banned' },
    ]);
    assert.deepEqual(codes(check({ username: 'bot-1' }, data)), ['username-banned']);
    assert.deepEqual(check({ username: 'alice' }, data), []);
  });

  it('should refuse usernames outside allowed_usernames when it is set (username-not-allowed)', () => {
    const data = { registration: { allowed_usernames: { suffixes: ['-staff'] } } };
    assert.deepEqual(check({ username: 'alice' }, data), [
      { field: 'username', code: 'username-not-allowed', msg: 'username is not allowed' },
    ]);
    assert.deepEqual(check({ username: 'alice-staff' }, data), []);
    // Set but empty: nothing is allowed (rego: an empty object is still "set").
    assert.deepEqual(codes(check({}, { registration: { allowed_usernames: {} } })), [
      'username-not-allowed',
    ]);
  });

  it('should refuse an unknown registration method', () => {
    const input = { registrationMethod: 'magic' as RegisterPolicyInput['registrationMethod'] };
    assert.deepEqual(check(input), [{ msg: 'unknown registration method' }]);
  });

  it('should refuse banned requesters', () => {
    const data = { requester: { banned_ips: ['192.0.2.0/24'] } };
    assert.deepEqual(check({ requester: { ipAddress: '192.0.2.7', userAgent: 'UA' } }, data), [
      { msg: "Requester [192.0.2.7 / UA] isn't allowed to do this action" },
    ]);
    assert.deepEqual(check({ requester: { ipAddress: '198.51.100.1' } }, data), []);
  });

  it('should apply the email policy to the email, tagged field: email', () => {
    const data = { banned_domains: ['spam.com'] };
    assert.deepEqual(check({ email: 'a@spam.com' }, data), [
      { field: 'email', code: 'email-domain-banned', msg: 'email domain is banned' },
    ]);
    assert.deepEqual(check({ email: 'a@good.com' }, data), []);
    assert.deepEqual(check({ email: null }, data), []);
  });
});
