import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_ISSUER, TEST_PUBLIC_BASE } from '../setup/test-config';

describe('discovery (OIDC Discovery 1.0, RFC 8414, MSC2965)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('should serve the configured issuer byte for byte, distinct from public_base', async () => {
    const res = await t.http().get('/.well-known/openid-configuration').expect(200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.equal(res.body.issuer, TEST_ISSUER);
  });

  it('should advertise jwks_uri under public_base', async () => {
    const res = await t.http().get('/.well-known/openid-configuration').expect(200);
    assert.equal(res.body.jwks_uri, `${TEST_PUBLIC_BASE}oauth2/keys.json`);
  });

  it('should not advertise endpoints that this build does not serve yet', async () => {
    const res = await t.http().get('/.well-known/openid-configuration').expect(200);
    for (const [key, value] of Object.entries(res.body as Record<string, unknown>)) {
      if (!key.endsWith('_endpoint') && key !== 'jwks_uri') continue;
      const path = new URL(value as string).pathname;
      // Endpoints answer GET (JWKS, userinfo, authorize) or POST (token, registration, …).
      const get = await t.http().get(path).set('Accept', 'application/json');
      const post = await t.http().post(path).set('Accept', 'application/json').type('form');
      assert.ok(
        get.status !== 404 || post.status !== 404,
        `${key} points at ${path}, which answers 404 to GET and POST`,
      );
    }
  });

  it('should allow any origin to read it (browser clients)', async () => {
    const res = await t
      .http()
      .get('/.well-known/openid-configuration')
      .set('Origin', 'https://app.example.org')
      .expect(200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });

  it('should answer a CORS preflight', async () => {
    const res = await t
      .http()
      .options('/.well-known/openid-configuration')
      .set('Origin', 'https://app.example.org')
      .set('Access-Control-Request-Method', 'GET');
    assert.ok(res.status === 204 || res.status === 200, `status ${res.status}`);
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });

  it('should not be served on a listener without the discovery resource', async () => {
    await t.http('internal').get('/.well-known/openid-configuration').expect(404);
  });
});

describe('webfinger (RFC 7033, OIDC Discovery 1.0 §2)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('should return the issuer link for the OIDC issuer relation', async () => {
    const res = await t
      .http()
      .get('/.well-known/webfinger')
      .query({
        resource: 'acct:alice@example.test',
        rel: 'http://openid.net/specs/connect/1.0/issuer',
      })
      .expect(200);
    assert.match(res.headers['content-type'], /^application\/jrd\+json/);
    const body = JSON.parse(res.text) as {
      subject: string;
      links: { rel: string; href: string }[];
    };
    assert.equal(body.subject, 'acct:alice@example.test');
    assert.deepEqual(body.links, [
      { rel: 'http://openid.net/specs/connect/1.0/issuer', href: TEST_ISSUER },
    ]);
  });

  it('should return no issuer link when another relation is asked for', async () => {
    const res = await t
      .http()
      .get('/.well-known/webfinger')
      .query({ resource: 'acct:alice@example.test', rel: 'http://example.org/other' })
      .expect(200);
    assert.deepEqual(JSON.parse(res.text).links, []);
  });

  it('should refuse a missing resource with a 400 invalid_request', async () => {
    const res = await t.http().get('/.well-known/webfinger').expect(400);
    assert.equal(res.body.error, 'invalid_request');
    assert.ok(res.body.error_description);
  });

  it('should refuse a resource that is not a URI', async () => {
    const res = await t.http().get('/.well-known/webfinger').query({ resource: 'not a uri' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_request');
  });
});
