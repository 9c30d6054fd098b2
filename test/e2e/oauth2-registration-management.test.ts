import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ulidToUuid } from '../../src/storage/ulid-column';
import { clientRow, sha256, WEB } from '../factories/client-registration.factory';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

describe('client configuration endpoint (RFC 7592)', () => {
  let t: TestApp;
  let id: string;
  let token: string;
  let secret: string;
  before(async () => {
    t = await createTestApp();
    const res = await t.http().post('/oauth2/registration').send(WEB).expect(201);
    id = res.body.client_id;
    token = res.body.registration_access_token;
    secret = res.body.client_secret;
  });
  after(async () => {
    await t.close();
  });

  const path = () => `/oauth2/registration/${id}`;
  const bearer = (value = token) => `Bearer ${value}`;

  it('should read the client with its token, secret included', async () => {
    const res = await t.http().get(path()).set('Authorization', bearer()).expect(200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.body.client_id, id);
    assert.equal(res.body.client_secret, secret);
    assert.equal(res.body.client_name, 'Web app');
    assert.equal(res.body.registration_client_uri, `${TEST_PUBLIC_BASE}oauth2/registration/${id}`);
  });

  const denied: [string, () => string | undefined, () => string][] = [
    ['no token', () => undefined, path],
    ['a wrong token', () => bearer('wrong'), path],
    ['a Basic header', () => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, path],
    ['an unknown client', () => bearer(), () => '/oauth2/registration/01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ['a malformed client id', () => bearer(), () => '/oauth2/registration/not-a-ulid'],
  ];
  for (const [name, header, target] of denied) {
    it(`should answer 401 invalid_token to ${name}`, async () => {
      for (const method of ['get', 'put', 'delete'] as const) {
        const req = t.http()[method](target());
        const h = header();
        if (h !== undefined) req.set('Authorization', h);
        const res = method === 'put' ? await req.send({ ...WEB, client_id: id }) : await req;
        assert.equal(res.status, 401, `${method} gave ${res.status}`);
        assert.equal(res.body.error, 'invalid_token');
        assert.match(String(res.headers['www-authenticate']), /^Bearer/);
      }
      assert.ok(await clientRow(t, id), 'the client is still there');
    });
  }

  it('should refuse an update naming another client_id or the wrong secret', async () => {
    let res = await t
      .http()
      .put(path())
      .set('Authorization', bearer())
      .send({ ...WEB });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_client_metadata');
    res = await t
      .http()
      .put(path())
      .set('Authorization', bearer())
      .send({ ...WEB, client_id: id, client_secret: 'guess' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_client_metadata');
  });

  it('should validate an update like a registration', async () => {
    const res = await t
      .http()
      .put(path())
      .set('Authorization', bearer())
      .send({ ...WEB, client_id: id, redirect_uris: ['https://evil.org/cb'] })
      .expect(400);
    assert.equal(res.body.error, 'invalid_redirect_uri');
    const row = await clientRow(t, id);
    assert.deepEqual(row?.redirect_uris, WEB.redirect_uris);
  });

  it('should replace the metadata and keep the secret', async () => {
    const res = await t
      .http()
      .put(path())
      .set('Authorization', bearer())
      .send({ ...WEB, client_id: id, client_secret: secret, client_name: 'Renamed' })
      .expect(200);
    assert.equal(res.body.client_name, 'Renamed');
    assert.equal(res.body.client_secret, secret);
    const row = await clientRow(t, id);
    assert.equal(row?.client_name, 'Renamed');
  });

  it('should drop the secret when the client becomes public', async () => {
    const res = await t
      .http()
      .put(path())
      .set('Authorization', bearer())
      .send({
        client_uri: WEB.client_uri,
        redirect_uris: WEB.redirect_uris,
        client_id: id,
        token_endpoint_auth_method: 'none',
      })
      .expect(200);
    assert.equal(res.body.client_secret, undefined);
    assert.equal(res.body.client_name, undefined, 'omitted fields are removed');
    assert.equal((await clientRow(t, id))?.encrypted_client_secret, null);
  });

  it('should delete the client with its sessions and tokens', async () => {
    const session = randomUUID();
    await t.db.dataSource.query(
      `INSERT INTO oauth2_sessions (oauth2_session_id, oauth2_client_id, scope_list, created_at)
        VALUES ($1, $2, '{}', now())`,
      [session, ulidToUuid(id)],
    );
    await t.db.dataSource.query(
      `INSERT INTO oauth2_access_tokens (oauth2_access_token_id, oauth2_session_id, access_token_sha256, created_at)
        VALUES ($1, $2, $3, now())`,
      [randomUUID(), session, sha256('mat_x')],
    );
    await t.http().delete(path()).set('Authorization', bearer()).expect(204);
    assert.equal(await clientRow(t, id), undefined);
    const tokens: unknown[] = await t.db.dataSource.query(
      `SELECT 1 FROM oauth2_access_tokens WHERE oauth2_session_id = $1`,
      [session],
    );
    assert.equal(tokens.length, 0);
    await t.http().get(path()).set('Authorization', bearer()).expect(401);
  });

  it('should never let a token manage a static client', async () => {
    const staticId = '0000000000000000000SYNAPSE';
    const staticToken = 'static-token';
    await t.db.dataSource.query(
      `INSERT INTO oauth2_clients (oauth2_client_id, redirect_uris, grant_type_authorization_code,
        grant_type_refresh_token, is_static, registration_access_token_sha256, client_name)
        VALUES ($1, '{}', true, true, true, $2, 'static')`,
      [ulidToUuid(staticId), sha256(staticToken)],
    );
    const target = `/oauth2/registration/${staticId}`;
    await t.http().get(target).set('Authorization', bearer(staticToken)).expect(401);
    await t
      .http()
      .put(target)
      .set('Authorization', bearer(staticToken))
      .send({ ...WEB, client_id: staticId })
      .expect(401);
    await t.http().delete(target).set('Authorization', bearer(staticToken)).expect(401);
    const row = await clientRow(t, staticId);
    assert.equal(row?.client_name, 'static');
  });
});

describe('registration policy toggles and the device-code switch', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(`
oauth:
  device_code_grant_enabled: false
policy:
  data:
    client_registration:
      allow_insecure_uris: true
      allow_missing_client_uri: true
`);
  });
  after(async () => {
    await t.close();
  });

  it('should accept insecure URIs when allow_insecure_uris is set', async () => {
    await t
      .http()
      .post('/oauth2/registration')
      .send({ client_uri: 'http://localhost:8080/', redirect_uris: ['http://localhost:8080/cb'] })
      .expect(201);
  });

  it('should accept a missing client_uri when allow_missing_client_uri is set', async () => {
    await t
      .http()
      .post('/oauth2/registration')
      .send({ grant_types: ['client_credentials'] })
      .expect(201);
  });

  it('should drop the device_code grant when the grant is disabled', async () => {
    const res = await t
      .http()
      .post('/oauth2/registration')
      .send({
        client_uri: 'https://example.com/',
        token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      })
      .expect(201);
    assert.deepEqual(res.body.grant_types, ['refresh_token']);
  });
});
