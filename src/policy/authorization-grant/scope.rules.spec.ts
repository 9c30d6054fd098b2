import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseScope } from '../../scopes/scope';
import { scopeViolations, type ScopeRuleInput } from './scope.rules';

const API = 'urn:matrix:client:api:*';
const API_U = 'urn:matrix:org.matrix.msc2967.client:api:*';
const DEV = 'urn:matrix:client:device:ABCDEFGHIJ';
const DEV_U = 'urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ';

function check(scope: string, over: Partial<ScopeRuleInput> = {}) {
  return scopeViolations({
    scope: parseScope(scope),
    grantType: 'authorization_code',
    clientId: 'client',
    user: { username: 'alice', canRequestAdmin: false },
    adminUsers: [],
    adminClients: [],
    ...over,
  }).map((v) => v.msg);
}

describe('authorization_grant scope rules (MSC2967, MAS policy)', () => {
  const allowed: [string, string][] = [
    ['empty scope', ''],
    ['openid and email', 'openid email'],
    ['stable API + device', `openid ${API} ${DEV}`],
    ['unstable API + device (matrix-js-sdk 37)', `openid ${API_U} ${DEV_U}`],
    ['API without device', API],
    ['graphql', 'urn:mas:graphql:*'],
    [
      'device id with every allowed special character',
      `${API} urn:matrix:client:device:a.b_c~d!$&'()*+,;=:@/-x`,
    ],
  ];
  for (const [name, scope] of allowed) {
    it(`should allow ${name}`, () => assert.deepEqual(check(scope), []));
  }

  it('should refuse unknown scopes by name', () => {
    assert.deepEqual(check('openid profile'), ["scope 'profile' not allowed"]);
  });

  it('should refuse a device id shorter than 10 characters', () => {
    assert.deepEqual(check(`${API} urn:matrix:client:device:SHORT`), [
      "scope 'urn:matrix:client:device:SHORT' not allowed",
    ]);
  });

  it('should refuse two device scopes', () => {
    assert.ok(
      check(`${API} ${DEV} urn:matrix:client:device:KLMNOPQRST`).includes(
        'only one device scope is allowed at a time',
      ),
    );
  });

  it('should refuse a device scope without an API scope', () => {
    assert.deepEqual(check(DEV), [
      'device scopes are only allowed when the client-server API scope is requested',
    ]);
  });

  it('should refuse mixing stable and unstable Matrix scopes', () => {
    assert.deepEqual(check(`${API} ${DEV_U}`), ['request cannot mix unstable and stable scopes']);
  });

  it('should refuse Matrix scopes for client_credentials', () => {
    assert.deepEqual(check(API, { grantType: 'client_credentials', user: undefined }), [
      `scope '${API}' not allowed`,
    ]);
  });

  it('should allow urn:synapse:admin:* only to admin users in interactive grants', () => {
    assert.deepEqual(check(`${API} urn:synapse:admin:*`), [
      "scope 'urn:synapse:admin:*' not allowed",
    ]);
    assert.deepEqual(
      check(`${API} urn:synapse:admin:*`, { user: { username: 'alice', canRequestAdmin: true } }),
      [],
    );
    assert.deepEqual(check(`${API} urn:synapse:admin:*`, { adminUsers: ['alice'] }), []);
  });

  it('should allow urn:mas:admin to admin users, or to admin_clients with client_credentials', () => {
    assert.deepEqual(check('urn:mas:admin'), ["scope 'urn:mas:admin' not allowed"]);
    assert.deepEqual(check('urn:mas:admin', { adminUsers: ['alice'] }), []);
    const cc = { grantType: 'client_credentials' as const, user: undefined };
    assert.deepEqual(check('urn:mas:admin', cc), ["scope 'urn:mas:admin' not allowed"]);
    assert.deepEqual(check('urn:mas:admin', { ...cc, adminClients: ['client'] }), []);
  });
});

describe('parseScope (RFC 6749 §3.3)', () => {
  it('should split on spaces, drop duplicates and keep order', () => {
    assert.deepEqual(
      parseScope('openid  email openid').map((t) => t.raw),
      ['openid', 'email'],
    );
  });

  it('should refuse characters outside the scope-token grammar', () => {
    assert.throws(() => parseScope('open"id'));
    assert.throws(() => parseScope('a\\b'));
    assert.throws(() => parseScope('café'));
  });
});
