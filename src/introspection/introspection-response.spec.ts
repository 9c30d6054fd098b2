import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  activeResponse,
  describeCompatToken,
  describeOAuthToken,
  describePersonalToken,
  type DescribedToken,
  INACTIVE,
} from './introspection-response';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const CREATED = new Date('2024-06-01T11:59:00.700Z');
const API = 'urn:matrix:client:api:*';
const API_U = 'urn:matrix:org.matrix.msc2967.client:api:*';
const DEV = 'urn:matrix:client:device:ABCDEFGHIJ';
const DEV_U = 'urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ';
const USER = { id: '01HZUSER00000000000000000A', username: 'alice' };
const CLIENT = '01HZCL1ENT0000000000000000';
const TOKEN_ID = '01HZT0KEN00000000000000000';

const base: DescribedToken = {
  tokenType: 'access_token',
  scope: ['openid', API],
  clientId: CLIENT,
  user: USER,
  createdAt: CREATED,
  expiresAt: new Date(NOW.getTime() + 299_500),
  jti: TOKEN_ID,
  deviceId: 'ABCDEFGHIJ',
};

describe('activeResponse (RFC 7662 §2.2, CONTRACTS §2)', () => {
  it('should give every member, in MAS order, with whole-second times', () => {
    const r = activeResponse(base, NOW);
    assert.deepEqual(Object.keys(r), [
      'active',
      'scope',
      'client_id',
      'username',
      'token_type',
      'exp',
      'expires_in',
      'iat',
      'nbf',
      'sub',
      'jti',
      'device_id',
    ]);
    assert.deepEqual(r, {
      active: true,
      scope: `openid ${API}`,
      client_id: CLIENT,
      username: 'alice',
      token_type: 'access_token',
      exp: Math.floor((NOW.getTime() + 299_500) / 1000),
      expires_in: 299,
      iat: Math.floor(CREATED.getTime() / 1000),
      nbf: Math.floor(CREATED.getTime() / 1000),
      sub: USER.id,
      jti: TOKEN_ID,
      device_id: 'ABCDEFGHIJ',
    });
  });

  it('should round expires_in down to an integer, never up and never below zero', () => {
    for (const [left, expected] of [
      [299_999, 299],
      [300_000, 300],
      [1_000, 1],
      [999, 0],
      [1, 0],
    ] as const) {
      const r = activeResponse({ ...base, expiresAt: new Date(NOW.getTime() + left) }, NOW);
      assert.equal(r.expires_in, expected, `${left} ms left`);
      assert.ok(Number.isInteger(r.expires_in));
    }
  });

  it('should leave out exp and expires_in for a token that never expires', () => {
    const r = activeResponse({ ...base, expiresAt: null }, NOW);
    assert.equal('exp' in r, false);
    assert.equal('expires_in' in r, false);
  });

  it('should leave out absent members instead of sending null', () => {
    const r = activeResponse(
      { ...base, clientId: null, user: null, jti: null, deviceId: null },
      NOW,
    );
    assert.deepEqual(Object.keys(r), [
      'active',
      'scope',
      'token_type',
      'exp',
      'expires_in',
      'iat',
      'nbf',
    ]);
  });

  it('should never carry retrieved_at_ms, which Synapse adds itself', () => {
    assert.equal('retrieved_at_ms' in activeResponse(base, NOW), false);
  });

  it('should answer an inactive token with active:false alone', () => {
    assert.deepEqual(INACTIVE, { active: false });
    assert.deepEqual(Object.keys(INACTIVE), ['active']);
  });
});

describe('describeOAuthToken', () => {
  const facts = {
    tokenType: 'access_token' as const,
    token: { id: TOKEN_ID, createdAt: CREATED, expiresAt: new Date(NOW.getTime() + 300_000) },
    session: { oauth2ClientId: CLIENT, scopeList: ['openid', API, DEV] },
    user: USER,
  };

  it('should report the normalised scope, the client, the user and the token id as jti', () => {
    const d = describeOAuthToken(facts, false);
    assert.deepEqual(d, {
      tokenType: 'access_token',
      scope: ['openid', API, DEV, API_U, DEV_U],
      clientId: CLIENT,
      user: USER,
      createdAt: CREATED,
      expiresAt: facts.token.expiresAt,
      jti: TOKEN_ID,
      deviceId: null,
    });
  });

  it('should give the scope device as device_id to a caller that reads it, keeping the scope', () => {
    const d = describeOAuthToken(facts, true);
    assert.equal(d.deviceId, 'ABCDEFGHIJ');
    assert.deepEqual(d.scope, ['openid', API, DEV, API_U, DEV_U]);
    assert.equal(
      describeOAuthToken({ ...facts, session: { ...facts.session, scopeList: [API] } }, true)
        .deviceId,
      null,
    );
  });

  it('should report no user for a client_credentials session', () => {
    const d = describeOAuthToken({ ...facts, user: null }, false);
    assert.equal(d.user, null);
    const r = activeResponse(d, NOW);
    assert.equal('username' in r, false);
    assert.equal('sub' in r, false);
  });

  it('should report a refresh token as never expiring', () => {
    const d = describeOAuthToken({ ...facts, tokenType: 'refresh_token' }, false);
    assert.equal(d.tokenType, 'refresh_token');
    assert.equal(d.expiresAt, null);
  });
});

describe('describeCompatToken', () => {
  const facts = {
    tokenType: 'access_token' as const,
    token: { createdAt: CREATED, expiresAt: null },
    session: { deviceId: 'ABCDEFGHIJ', isSynapseAdmin: false },
    user: USER,
  };

  it('should report client_id legacy, both API scopes, the device twice and no jti', () => {
    assert.deepEqual(describeCompatToken(facts, false), {
      tokenType: 'access_token',
      scope: [API, DEV, API_U, DEV_U],
      clientId: 'legacy',
      user: USER,
      createdAt: CREATED,
      expiresAt: null,
      jti: null,
      deviceId: 'ABCDEFGHIJ',
    });
  });

  it('should put the device only in device_id for a caller that reads it', () => {
    const d = describeCompatToken(facts, true);
    assert.deepEqual(d?.scope, [API, API_U]);
    assert.equal(d?.deviceId, 'ABCDEFGHIJ');
  });

  it('should add urn:synapse:admin:* for an admin session', () => {
    const d = describeCompatToken(
      { ...facts, session: { ...facts.session, isSynapseAdmin: true } },
      true,
    );
    assert.deepEqual(d?.scope, [API, API_U, 'urn:synapse:admin:*']);
  });

  it('should describe a device id no scope can hold only to a caller that reads device_id', () => {
    const odd = { ...facts, session: { deviceId: 'my phone', isSynapseAdmin: false } };
    assert.equal(describeCompatToken(odd, false), null);
    assert.equal(describeCompatToken(odd, true)?.deviceId, 'my phone');
  });

  it('should report a session without a device with neither device scope nor device_id', () => {
    const d = describeCompatToken(
      { ...facts, session: { deviceId: null, isSynapseAdmin: false } },
      false,
    );
    assert.deepEqual(d?.scope, [API, API_U]);
    assert.equal(d?.deviceId, null);
  });

  it('should report expiry for an access token and none for a refresh token', () => {
    const expiresAt = new Date(NOW.getTime() + 300_000);
    const token = { createdAt: CREATED, expiresAt };
    assert.equal(describeCompatToken({ ...facts, token }, false)?.expiresAt, expiresAt);
    const refresh = describeCompatToken({ ...facts, tokenType: 'refresh_token', token }, false);
    assert.equal(refresh?.tokenType, 'refresh_token');
    assert.equal(refresh?.expiresAt, null);
  });
});

describe('describePersonalToken', () => {
  const facts = {
    token: { createdAt: CREATED, expiresAt: new Date(NOW.getTime() + 3_600_000) },
    session: { scopeList: [API_U, DEV_U] },
    actor: USER,
    ownerClientId: null,
  };

  it('should report an access token of the actor with a normalised scope and no jti', () => {
    assert.deepEqual(describePersonalToken(facts, false), {
      tokenType: 'access_token',
      scope: [API, DEV, API_U, DEV_U],
      clientId: null,
      user: USER,
      createdAt: CREATED,
      expiresAt: facts.token.expiresAt,
      jti: null,
      deviceId: null,
    });
  });

  it('should report the owning client as client_id, and none for a user-owned session', () => {
    assert.equal(
      describePersonalToken({ ...facts, ownerClientId: CLIENT }, false).clientId,
      CLIENT,
    );
    assert.equal(describePersonalToken(facts, false).clientId, null);
  });

  it('should give a scope device as device_id to a caller that reads it', () => {
    assert.equal(describePersonalToken(facts, true).deviceId, 'ABCDEFGHIJ');
  });
});
