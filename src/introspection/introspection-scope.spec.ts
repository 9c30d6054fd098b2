import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compatScope, normalizeScope, scopeDeviceId } from './introspection-scope';

const API = 'urn:matrix:client:api:*';
const API_U = 'urn:matrix:org.matrix.msc2967.client:api:*';
const DEV = (id: string) => `urn:matrix:client:device:${id}`;
const DEV_U = (id: string) => `urn:matrix:org.matrix.msc2967.client:device:${id}`;
const ADMIN = 'urn:synapse:admin:*';

describe('normalizeScope (MAS normalize_scope, CONTRACTS §2)', () => {
  it('should add the unstable API scope to the stable one and the reverse', () => {
    assert.deepEqual(normalizeScope([API]), [API, API_U]);
    assert.deepEqual(normalizeScope([API_U]), [API, API_U]);
    assert.deepEqual(normalizeScope([API, API_U]), [API, API_U]);
  });

  it('should write every device scope in both namespaces, from either one', () => {
    const both = [DEV('ABCDEFGHIJ'), DEV_U('ABCDEFGHIJ')];
    assert.deepEqual(normalizeScope([DEV('ABCDEFGHIJ')]), both);
    assert.deepEqual(normalizeScope([DEV_U('ABCDEFGHIJ')]), both);
  });

  it('should keep other scopes untouched and add nothing when no Matrix scope is granted', () => {
    assert.deepEqual(normalizeScope(['openid', 'email']), ['email', 'openid']);
    assert.deepEqual(normalizeScope([]), []);
    assert.deepEqual(normalizeScope(['urn:mas:admin', ADMIN]), ['urn:mas:admin', ADMIN]);
  });

  it('should answer a sorted set without duplicates or empty tokens, as MAS does', () => {
    assert.deepEqual(normalizeScope(['openid', API, DEV('ABCDEFGHIJ'), 'openid', '', ADMIN]), [
      'openid',
      API,
      DEV('ABCDEFGHIJ'),
      API_U,
      DEV_U('ABCDEFGHIJ'),
      ADMIN,
    ]);
  });
});

describe('scopeDeviceId', () => {
  it('should find the one device whichever namespace names it', () => {
    assert.equal(scopeDeviceId([API, DEV('ABCDEFGHIJ')]), 'ABCDEFGHIJ');
    assert.equal(scopeDeviceId([API_U, DEV_U('ABCDEFGHIJ')]), 'ABCDEFGHIJ');
    assert.equal(scopeDeviceId([DEV('ABCDEFGHIJ'), DEV_U('ABCDEFGHIJ')]), 'ABCDEFGHIJ');
  });

  it('should find none without a device scope or with two different devices', () => {
    assert.equal(scopeDeviceId(['openid', API]), undefined);
    assert.equal(scopeDeviceId([DEV('ABCDEFGHIJ'), DEV_U('KLMNOPQRST')]), undefined);
  });
});

describe('compatScope (MAS compat introspection)', () => {
  it('should grant both API scopes and the device in both namespaces', () => {
    assert.deepEqual(
      compatScope({ deviceId: 'ABCDEFGHIJ', isSynapseAdmin: false, deviceInScope: true }),
      [API, DEV('ABCDEFGHIJ'), API_U, DEV_U('ABCDEFGHIJ')],
    );
  });

  it('should add urn:synapse:admin:* only for an admin session', () => {
    assert.deepEqual(compatScope({ deviceId: null, isSynapseAdmin: true, deviceInScope: true }), [
      API,
      API_U,
      ADMIN,
    ]);
    assert.deepEqual(compatScope({ deviceId: null, isSynapseAdmin: false, deviceInScope: true }), [
      API,
      API_U,
    ]);
  });

  it('should leave the device out when the caller reads device_id', () => {
    assert.deepEqual(
      compatScope({ deviceId: 'ABCDEFGHIJ', isSynapseAdmin: false, deviceInScope: false }),
      [API, API_U],
    );
  });

  it('should accept short Synapse device ids, which MAS-issued devices never are', () => {
    assert.deepEqual(compatScope({ deviceId: 'ABC', isSynapseAdmin: false, deviceInScope: true }), [
      API,
      DEV('ABC'),
      API_U,
      DEV_U('ABC'),
    ]);
  });

  it('should refuse a device that cannot be a scope token only when it must go in the scope', () => {
    for (const deviceId of ['has space', 'quo"te', 'back\\slash', 'é-device']) {
      assert.equal(compatScope({ deviceId, isSynapseAdmin: false, deviceInScope: true }), null);
      assert.deepEqual(compatScope({ deviceId, isSynapseAdmin: false, deviceInScope: false }), [
        API,
        API_U,
      ]);
    }
  });

  it('should treat an empty device id as no device', () => {
    assert.deepEqual(compatScope({ deviceId: '', isSynapseAdmin: false, deviceInScope: true }), [
      API,
      API_U,
    ]);
  });
});
