import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { idsOf, adminAccessToken } from '../factories/admin-token.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

const TOKENS = '/api/admin/v1/user-registration-tokens';

describe('admin API /user-registration-tokens (MAS admin/v1/user_registration_tokens)', () => {
  let t: TestApp;
  let auth: string;
  before(async () => {
    t = await createTestApp();
    auth = `Bearer ${(await adminAccessToken(t.running.app)).token}`;
  });
  after(async () => {
    await t.close();
  });
  const req = (method: 'get' | 'post' | 'put', path: string, body?: object) => {
    const r = t.http()[method](path).set('Authorization', auth);
    return body === undefined ? r : r.send(body);
  };

  it('should issue a token, show its value again, and refuse a duplicate', async () => {
    const res = await req('post', TOKENS, { token: 'letmein', usage_limit: 3 }).expect(201);
    assert.equal(res.body.data.type, 'user-registration_token');
    assert.equal(res.body.data.attributes.token, 'letmein');
    assert.equal(res.body.data.attributes.valid, true);
    assert.equal(res.body.data.attributes.usage_limit, 3);
    const again = await req('get', `${TOKENS}/${res.body.data.id}`).expect(200);
    assert.equal(again.body.data.attributes.token, 'letmein');
    const dup = await req('post', TOKENS, { token: 'letmein' }).expect(409);
    assert.equal(
      dup.body.errors[0].title,
      'A registration token with the same token already exists',
    );
    const drawn = await req('post', TOKENS, {}).expect(201);
    assert.match(drawn.body.data.attributes.token, /^[A-Za-z0-9]{12}$/);
  });

  it('should update with explicit-null semantics', async () => {
    const created = await req('post', TOKENS, {
      usage_limit: 5,
      expires_at: '2099-01-01T00:00:00Z',
    }).expect(201);
    const id = created.body.data.id as string;
    const kept = await req('put', `${TOKENS}/${id}`, { usage_limit: 7 }).expect(200);
    assert.equal(kept.body.data.attributes.usage_limit, 7);
    assert.equal(kept.body.data.attributes.expires_at, '2099-01-01T00:00:00.000Z');
    const cleared = await req('put', `${TOKENS}/${id}`, { expires_at: null }).expect(200);
    assert.equal(cleared.body.data.attributes.expires_at, null);
    assert.equal(cleared.body.data.attributes.usage_limit, 7);
    await req('put', `${TOKENS}/${id}`, { usage_limit: -1 }).expect(422);
    await req('put', `${TOKENS}/01ARZ3NDEKTSV4RRFFQ69G5FAV`, {}).expect(404);
  });

  it('should revoke and unrevoke once each, and filter by revoked/valid/expired', async () => {
    const created = await req('post', TOKENS, { token: 'to-revoke' }).expect(201);
    const id = created.body.data.id as string;
    const revoked = await req('post', `${TOKENS}/${id}/revoke`).expect(200);
    assert.equal(revoked.body.data.attributes.valid, false);
    assert.equal(revoked.body.links.self, `${TOKENS}/${id}/revoke`);
    const twice = await req('post', `${TOKENS}/${id}/revoke`).expect(400);
    assert.equal(twice.body.errors[0].title, `Registration token with ID ${id} is already revoked`);
    const listed = await req('get', `${TOKENS}?filter[revoked]=true`).expect(200);
    assert.deepEqual(idsOf(listed.body), [id]);
    assert.equal(listed.body.links.self, `${TOKENS}?filter[revoked]=true&page[first]=10`);
    const invalid = await req('get', `${TOKENS}?filter[valid]=false&count=only`).expect(200);
    assert.equal(invalid.body.meta.count, 1);
    await req('post', `${TOKENS}/${id}/unrevoke`).expect(200);
    await req('post', `${TOKENS}/${id}/unrevoke`).expect(400);
    await req('post', TOKENS, { token: 'old', expires_at: '2000-01-01T00:00:00Z' }).expect(201);
    const expired = await req('get', `${TOKENS}?filter[expired]=true`).expect(200);
    assert.deepEqual(
      (expired.body as { data: { attributes: { token: string } }[] }).data.map(
        (d) => d.attributes.token,
      ),
      ['old'],
    );
  });
});
