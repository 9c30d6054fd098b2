import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { adminAccessToken } from '../factories/admin-token.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

/** Every admin path this implementation serves (MAS admin/v1/mod.rs). */
const PATHS: Record<string, string[]> = {
  '/api/admin/v1/version': ['get'],
  '/api/admin/v1/site-config': ['get'],
  '/api/admin/v1/users': ['get', 'post'],
  '/api/admin/v1/users/{id}': ['get'],
  '/api/admin/v1/users/by-username/{username}': ['get'],
  '/api/admin/v1/users/{id}/set-password': ['post'],
  '/api/admin/v1/users/{id}/set-admin': ['post'],
  '/api/admin/v1/users/{id}/deactivate': ['post'],
  '/api/admin/v1/users/{id}/reactivate': ['post'],
  '/api/admin/v1/users/{id}/lock': ['post'],
  '/api/admin/v1/users/{id}/unlock': ['post'],
  '/api/admin/v1/user-emails': ['get', 'post'],
  '/api/admin/v1/user-emails/{id}': ['get', 'delete'],
  '/api/admin/v1/user-sessions': ['get'],
  '/api/admin/v1/user-sessions/{id}': ['get'],
  '/api/admin/v1/user-sessions/{id}/finish': ['post'],
  '/api/admin/v1/compat-sessions': ['get'],
  '/api/admin/v1/compat-sessions/{id}': ['get'],
  '/api/admin/v1/compat-sessions/{id}/finish': ['post'],
  '/api/admin/v1/oauth2-sessions': ['get'],
  '/api/admin/v1/oauth2-sessions/{id}': ['get'],
  '/api/admin/v1/oauth2-sessions/{id}/finish': ['post'],
  '/api/admin/v1/oauth2-clients': ['get'],
  '/api/admin/v1/oauth2-clients/{id}': ['get'],
  '/api/admin/v1/user-registration-tokens': ['get', 'post'],
  '/api/admin/v1/user-registration-tokens/{id}': ['get', 'put'],
  '/api/admin/v1/user-registration-tokens/{id}/revoke': ['post'],
  '/api/admin/v1/user-registration-tokens/{id}/unrevoke': ['post'],
  '/api/admin/v1/personal-sessions': ['get', 'post'],
  '/api/admin/v1/personal-sessions/{id}': ['get'],
  '/api/admin/v1/personal-sessions/{id}/revoke': ['post'],
  '/api/admin/v1/personal-sessions/{id}/regenerate': ['post'],
  '/api/admin/v1/policy-data': ['post'],
  '/api/admin/v1/policy-data/latest': ['get'],
  '/api/admin/v1/policy-data/{id}': ['get'],
  '/api/admin/v1/upstream-oauth-links': ['get', 'post'],
  '/api/admin/v1/upstream-oauth-links/{id}': ['get', 'delete'],
  '/api/admin/v1/upstream-oauth-providers': ['get'],
  '/api/admin/v1/upstream-oauth-providers/{id}': ['get'],
};

type Doc = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

describe('admin API OpenAPI document (MAS docs/api/spec.json)', () => {
  let t: TestApp;
  let doc: Doc;
  let auth: string;
  before(async () => {
    t = await createTestApp();
    auth = `Bearer ${(await adminAccessToken(t.running.app)).token}`;
    doc = (await t.http().get('/api/spec.json').expect(200)).body as Doc;
  });
  after(async () => {
    await t.close();
  });

  it('should be OpenAPI 3.1 with servers set to public_base and every implemented path', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers, [{ url: t.config.http.public_base.replace(/\/?$/, '/') }]);
    for (const [path, methods] of Object.entries(PATHS)) {
      assert.ok(doc.paths[path], `missing ${path}`);
      for (const m of methods) assert.ok(doc.paths[path][m], `missing ${m.toUpperCase()} ${path}`);
    }
    assert.equal(Object.keys(doc.paths).length, Object.keys(PATHS).length);
  });

  function validator(path: string, method: string, status: number) {
    const schema =
      doc.paths[path][method].responses[String(status)].content!['application/json'].schema;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    return ajv.compile(schema);
  }

  for (const [path, url, status] of [
    ['/api/admin/v1/users', '/api/admin/v1/users?page[first]=1', 200],
    ['/api/admin/v1/site-config', '/api/admin/v1/site-config', 200],
    ['/api/admin/v1/oauth2-sessions', '/api/admin/v1/oauth2-sessions', 200],
    ['/api/admin/v1/users', '/api/admin/v1/users?page[first]=0', 400],
    ['/api/admin/v1/upstream-oauth-providers', '/api/admin/v1/upstream-oauth-providers', 200],
    ['/api/admin/v1/upstream-oauth-links', '/api/admin/v1/upstream-oauth-links', 200],
    [
      '/api/admin/v1/upstream-oauth-links',
      '/api/admin/v1/upstream-oauth-links?filter[provider]=01ARZ3NDEKTSV4RRFFQ69G5FAV',
      404,
    ],
  ] as const) {
    it(`should answer ${url} with a body matching the documented ${status} schema`, async () => {
      const res = await t.http().get(url).set('Authorization', auth).expect(status);
      const validate = validator(path, 'get', status);
      assert.ok(validate(res.body), JSON.stringify(validate.errors));
    });
  }

  it('should match the documented schema when a registration token is created', async () => {
    const path = '/api/admin/v1/user-registration-tokens';
    const res = await t
      .http()
      .post(path)
      .set('Authorization', auth)
      .send({ usage_limit: 2 })
      .expect(201);
    const validate = validator(path, 'post', 201);
    assert.ok(validate(res.body), JSON.stringify(validate.errors));
    assert.equal(validate({ data: {} }), false);
  });

  it('should serve the swagger-ui reference and its assets from the package', async () => {
    await t.http().get('/api/doc').expect(302).expect('Location', 'doc/');
    const page = await t.http().get('/api/doc/').expect(200);
    assert.match(page.text, /swagger-ui-bundle\.js/);
    const js = await t.http().get('/api/doc/swagger-ui-bundle.js').expect(200);
    assert.match(String(js.headers['content-type']), /javascript/);
    await t.http().get('/api/doc/package.json').expect(404);
  });
});
