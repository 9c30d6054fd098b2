import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../setup/test-app';

describe('HTTP surface: headers, errors, listener prefix', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(`
http:
  listeners:
    - name: web
      resources: [{ name: discovery }, { name: oauth }]
      binds: [{ host: 127.0.0.1, port: 0 }]
    - name: prefixed
      prefix: /auth
      resources: [{ name: discovery }, { name: health }]
      binds: [{ host: 127.0.0.1, port: 0 }]
`);
  });
  after(async () => {
    await t.close();
  });

  it('should forbid framing on every response (RFC 9700 §4.16)', async () => {
    for (const path of ['/.well-known/openid-configuration', '/no-such-page']) {
      const res = await t.http().get(path);
      assert.equal(res.headers['x-frame-options'], 'DENY', path);
      assert.equal(res.headers['content-security-policy'], "frame-ancestors 'none'", path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
    }
  });

  it('should answer an unknown path with JSON 404 for API clients', async () => {
    const res = await t.http().get('/no-such-page').set('Accept', 'application/json').expect(404);
    assert.equal(res.body.error, 'not_found');
  });

  it('should answer an unknown path with an HTML page for browsers', async () => {
    const res = await t.http().get('/no-such-page').set('Accept', 'text/html').expect(404);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.match(res.text, /Page not found/);
  });

  it('should echo a plausible X-Request-Id and mint one otherwise', async () => {
    const given = await t
      .http()
      .get('/.well-known/openid-configuration')
      .set('X-Request-Id', 'abc-123');
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const minted = await t
      .http()
      .get('/.well-known/openid-configuration')
      .set('X-Request-Id', 'bad id!');
    assert.match(minted.headers['x-request-id'], /^[0-9A-Z]{26}$/);
  });

  it('should serve a prefixed listener under its prefix only', async () => {
    await t.http('prefixed').get('/auth/.well-known/openid-configuration').expect(200);
    await t.http('prefixed').get('/auth/health').expect(200);
    await t.http('prefixed').get('/.well-known/openid-configuration').expect(404);
    await t.http('prefixed').get('/authx/health').expect(404);
  });

  it('should refuse malformed JSON bodies without a 500', async () => {
    const res = await t
      .http()
      .post('/oauth2/keys.json')
      .set('Content-Type', 'application/json')
      .send('{"broken');
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
  });
});
