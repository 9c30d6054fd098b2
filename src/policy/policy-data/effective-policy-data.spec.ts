import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { plainToInstance } from 'class-transformer';
import { ExperimentalConfig, MatrixConfig, PolicyConfig } from '../../config';
import { effectivePolicyData, staticPolicyDocument } from './effective-policy-data';

function sections(yaml: { policy?: object; experimental?: object }) {
  const opts = { exposeDefaultValues: true };
  return {
    policy: plainToInstance(PolicyConfig, yaml.policy ?? {}, opts),
    matrix: plainToInstance(MatrixConfig, { homeserver: 'example.test' }, opts),
    experimental: plainToInstance(ExperimentalConfig, yaml.experimental ?? {}, opts),
  };
}

describe('the effective policy data (static + dynamic, MAS lib.rs)', () => {
  it('should put server_name and session_limit under policy.data', () => {
    const c = sections({
      policy: { data: { admin_users: ['alice'], custom: { a: 1 } } },
      experimental: { session_limit: { soft_limit: 3, hard_limit: 5 } },
    });
    assert.deepEqual(staticPolicyDocument(c), {
      server_name: 'example.test',
      session_limit: {
        soft_limit: 3,
        hard_limit: 5,
        max_session_threshold: null,
        dangerous_hard_limit_eviction: false,
      },
      admin_users: ['alice'],
      custom: { a: 1 },
    });
    assert.equal(staticPolicyDocument(sections({})).session_limit, null);
  });

  it('should merge the dynamic data over the static data', () => {
    const doc = staticPolicyDocument(sections({ policy: { data: { admin_users: ['alice'] } } }));
    const check = effectivePolicyData(doc, {
      admin_users: ['bob'],
      registration: { banned_usernames: { literals: ['root'] } },
    });
    assert.ok(check.ok);
    assert.deepEqual(check.data.admin_users, ['alice', 'bob']);
    assert.deepEqual(check.data.registration?.banned_usernames?.literals, ['root']);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a list of the wrong type', { admin_users: 'alice' }, /admin_users/],
    ['a merge of different kinds', { server_name: 1 }, /server_name: cannot merge/],
    ['an address that is no IP', { requester: { banned_ips: ['nope'] } }, /requester\.banned_ips/],
    [
      'a regex that does not compile',
      { registration: { banned_usernames: { regexes: ['('] } } },
      /registration\.banned_usernames\.regexes\[0\]/,
    ],
    ['a broken domain glob', { banned_domains: ['[x'] }, /banned_domains\[0\]/],
    ['a session limit of zero', { session_limit: { soft_limit: 0, hard_limit: 1 } }, /soft_limit/],
    [
      'a non-boolean toggle',
      { client_registration: { allow_insecure_uris: 'yes' } },
      /allow_insecure_uris/,
    ],
  ];
  for (const [name, dynamic, path] of bad) {
    it(`should refuse ${name}`, () => {
      const check = effectivePolicyData(staticPolicyDocument(sections({})), dynamic);
      assert.equal(check.ok, false);
      if (!check.ok)
        assert.match(check.problems.map((p) => `${p.path}: ${p.message}`).join('\n'), path);
    });
  }

  it('should keep unknown keys and accept null for known ones', () => {
    const check = effectivePolicyData(staticPolicyDocument(sections({})), {
      mine: [1, { x: 2 }],
      allowed_domains: null,
    });
    assert.ok(check.ok);
    assert.deepEqual(check.data.mine, [1, { x: 2 }]);
  });
});
