import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { Keystore } from '../../src/core';
import { createTestApp, type TestApp } from '../setup/test-app';
import { createTestConfig } from '../setup/test-config';

describe('JWKS at /oauth2/keys.json', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('should publish public keys only, each with kid and use (alg on EC keys)', async () => {
    const res = await t.http().get('/oauth2/keys.json').expect(200);
    const keys = res.body.keys as Record<string, unknown>[];
    assert.ok(keys.length >= 3, 'RSA, P-256 and P-384 keys from the generated config');
    for (const key of keys) {
      assert.ok(key.kid && key.use === 'sig', JSON.stringify(key));
      // An RSA key serves RS* and PS* alike, so it carries no single `alg` (RFC 7517 §4.4).
      if (key.kty === 'EC') assert.ok(key.alg, JSON.stringify(key));
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key[member], undefined);
    }
  });

  it('should verify signatures made by the keystore, for each key type', async () => {
    const res = await t.http().get('/oauth2/keys.json').expect(200);
    const jwks = createLocalJWKSet(res.body);
    const keystore = t.running.app.get(Keystore);
    for (const alg of ['RS256', 'ES256', 'ES384']) {
      const jwt = await keystore.signJwt({ iss: t.config.http.issuerUrl, sub: 'x' }, alg);
      const { protectedHeader, payload } = await jwtVerify(jwt, jwks);
      assert.equal(protectedHeader.alg, alg);
      assert.equal(payload.sub, 'x');
    }
  });

  it('should fail verification of a token signed by a key it does not publish', async () => {
    const res = await t.http().get('/oauth2/keys.json').expect(200);
    const other = await createTestConfig();
    const foreign = Keystore.load(other.secrets.keyEntries());
    const jwt = await foreign.signJwt({ sub: 'x' }, 'RS256');
    await assert.rejects(jwtVerify(jwt, createLocalJWKSet(res.body)));
  });
});
