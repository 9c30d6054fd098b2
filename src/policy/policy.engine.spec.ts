import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ExperimentalConfig } from '../config';
import { parseClientMetadata } from '../client-registration/parse-client-metadata';
import type { PolicyData } from './policy-data/policy-data';
import type { PolicyDataSource } from './policy-data.source';
import { PolicyEngine } from './policy.engine';

function engine(data: Partial<PolicyData>, eviction: boolean | undefined) {
  const source = {
    current: () => Promise.resolve({ server_name: 'example.com', ...data }),
  } as unknown as PolicyDataSource;
  const experimental = {
    session_limit:
      eviction === undefined
        ? undefined
        : { soft_limit: 2, hard_limit: 3, dangerous_hard_limit_eviction: eviction },
  } as unknown as ExperimentalConfig;
  return new PolicyEngine(source, experimental);
}

const LIMIT = { session_limit: { soft_limit: 2, hard_limit: 3 } };
const login = (type: 'm.login.sso' | 'm.login.password' | 'm.login.token', total: number) => ({
  user: { id: 'u', username: 'alice' },
  login: { type },
  sessionReplaced: false,
  sessionCounts: { total, oauth2: 0, compat: total, personal: 0 },
  requester: {},
});

describe('PolicyEngine', () => {
  it('should ask to evict when the hard limit is the only violation and eviction is on', async () => {
    const v = await engine(LIMIT, true).evaluateCompatLogin(login('m.login.password', 4));
    assert.equal(v.violations.length, 1);
    assert.deepEqual(v.hardLimitEviction, { needToRemove: 2 });
    const t = await engine(LIMIT, true).evaluateCompatLogin(login('m.login.token', 3));
    assert.deepEqual(t.hardLimitEviction, { needToRemove: 1 });
  });

  it('should never evict for m.login.sso, with eviction off, or with other violations', async () => {
    assert.equal(
      (await engine(LIMIT, true).evaluateCompatLogin(login('m.login.sso', 4))).hardLimitEviction,
      null,
    );
    assert.equal(
      (await engine(LIMIT, false).evaluateCompatLogin(login('m.login.password', 4)))
        .hardLimitEviction,
      null,
    );
    const banned = { ...LIMIT, requester: { banned_user_agents: { literals: ['x'] } } };
    const v = await engine(banned, true).evaluateCompatLogin({
      ...login('m.login.password', 4),
      requester: { userAgent: 'x' },
    });
    assert.equal(v.violations.length, 2);
    assert.equal(v.hardLimitEviction, null);
  });

  it('should allow a compat login under the limits', async () => {
    assert.deepEqual(await engine(LIMIT, true).evaluateCompatLogin(login('m.login.password', 1)), {
      violations: [],
      hardLimitEviction: null,
    });
  });

  it('should judge client registrations with data.client_registration', async () => {
    const parsed = parseClientMetadata({ grant_types: [] });
    assert.ok(parsed.ok);
    const refused = await engine({}, undefined).evaluateClientRegistration(parsed);
    assert.deepEqual(refused.violations, [{ field: 'client_uri', msg: 'missing client_uri' }]);
    const allowed = await engine(
      { client_registration: { allow_missing_client_uri: true } },
      undefined,
    ).evaluateClientRegistration(parsed);
    assert.deepEqual(allowed.violations, []);
  });

  it('should evaluate register, email and authorization grants on the data in force', async () => {
    const e = engine({ banned_domains: ['spam.com'], ...LIMIT }, undefined);
    const reg = await e.evaluateRegister({
      registrationMethod: 'password',
      username: 'alice',
      email: 'a@spam.com',
      requester: {},
    });
    assert.deepEqual(
      reg.violations.map((v) => [v.field, v.code]),
      [['email', 'email-domain-banned']],
    );
    const email = await e.evaluateEmail({ email: 'a@spam.com', requester: {} });
    assert.deepEqual(
      email.violations.map((v) => v.code),
      ['email-domain-banned'],
    );
    const grant = await e.evaluateAuthorizationGrant({
      user: { id: 'u', username: 'alice', canRequestAdmin: false },
      client: { id: 'c' },
      scope: [],
      grantType: 'authorization_code',
      requester: {},
      sessionCounts: { total: 2, oauth2: 2, compat: 0, personal: 0 },
    });
    assert.deepEqual(
      grant.violations.map((v) => v.code),
      ['too-many-sessions'],
    );
  });
});
