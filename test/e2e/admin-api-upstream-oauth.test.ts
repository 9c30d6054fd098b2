import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { SystemClock } from '../../src/core';
import { UpstreamOAuthAuthorizationSessionEntity } from '../../src/storage/upstream/upstream-oauth-authorization-session.entity';
import { UpstreamOAuthLinkEntity } from '../../src/storage/upstream/upstream-oauth-link.entity';
import { UpstreamOAuthProviderRepository } from '../../src/storage/upstream/upstream-oauth-provider.repository';
import { syncUpstreamProviders } from '../../src/upstream-providers/sync-upstream-providers';
import { adminAccessToken, idsOf } from '../factories/admin-token.factory';
import { TokenRows } from '../factories/token-rows.factory';
import { createTestApp, type TestApp } from '../setup/test-app';

const PROVIDERS = '/api/admin/v1/upstream-oauth-providers';
const LINKS = '/api/admin/v1/upstream-oauth-links';
const GOOGLE = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const GITLAB = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const OLD = '01JCCCCCCCCCCCCCCCCCCCCCCC';
const UNKNOWN = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const CONFIG = `
upstream_oauth2:
  providers:
    - id: ${GOOGLE}
      issuer: https://accounts.google.com/
      human_name: Google
      brand_name: google
      client_id: mas-google
      client_secret: google-secret
      token_endpoint_auth_method: client_secret_post
    - id: ${GITLAB}
      issuer: https://gitlab.example/
      client_id: mas-gitlab
      token_endpoint_auth_method: none
    - id: ${OLD}
      issuer: https://old.example/
      human_name: Old
      client_id: mas-old
      token_endpoint_auth_method: none
`;

describe('admin API /upstream-oauth-providers and /upstream-oauth-links (MAS admin/v1)', () => {
  let t: TestApp;
  let auth: string;
  let ds: DataSource;
  let alice: string;
  let bob: string;
  before(async () => {
    t = await createTestApp(CONFIG);
    ds = t.running.app.get(DataSource);
    await syncUpstreamProviders(ds, t.config, new SystemClock(), { prune: false, dryRun: false });
    await new UpstreamOAuthProviderRepository(ds).disable(OLD, new Date('2025-01-01T00:00:00Z'));
    auth = `Bearer ${(await adminAccessToken(t.running.app)).token}`;
    const rows = new TokenRows(ds);
    alice = (await rows.user({ username: 'alice' })).id;
    bob = (await rows.user({ username: 'bob' })).id;
  });
  after(async () => {
    await t.close();
  });
  const req = (method: 'get' | 'post' | 'delete', path: string, body?: object) => {
    const r = t.http()[method](path).set('Authorization', auth);
    return body === undefined ? r : r.send(body);
  };

  describe('providers', () => {
    it('should list the synced providers without their client ids or secrets', async () => {
      const res = await req('get', PROVIDERS).expect(200);
      assert.deepEqual(idsOf(res.body), [GOOGLE, GITLAB, OLD]);
      assert.equal(res.body.meta.count, 3);
      const [google] = res.body.data as { type: string; attributes: object; links: object }[];
      assert.equal(google.type, 'upstream-oauth-provider');
      assert.deepEqual(Object.keys(google.attributes).sort(), [
        'brand_name',
        'created_at',
        'disabled_at',
        'human_name',
        'issuer',
      ]);
      assert.deepEqual(google.links, { self: `${PROVIDERS}/${GOOGLE}` });
      assert.doesNotMatch(JSON.stringify(res.body), /google-secret|mas-google/);
    });

    it('should filter on enabled and keep the filter in the links', async () => {
      const enabled = await req('get', `${PROVIDERS}?filter[enabled]=true`).expect(200);
      assert.deepEqual(idsOf(enabled.body), [GOOGLE, GITLAB]);
      assert.equal(enabled.body.links.self, `${PROVIDERS}?filter[enabled]=true&page[first]=10`);
      const disabled = await req('get', `${PROVIDERS}?filter[enabled]=false`).expect(200);
      assert.deepEqual(idsOf(disabled.body), [OLD]);
      assert.equal(disabled.body.data[0].attributes.disabled_at, '2025-01-01T00:00:00.000Z');
      const bad = await req('get', `${PROVIDERS}?filter[enabled]=maybe`).expect(400);
      assert.equal(bad.body.errors[0].title, 'Invalid filter parameters');
    });

    it('should paginate with cursors', async () => {
      const first = await req('get', `${PROVIDERS}?page[first]=2`).expect(200);
      assert.deepEqual(idsOf(first.body), [GOOGLE, GITLAB]);
      assert.equal(first.body.links.next, `${PROVIDERS}?page[after]=${GITLAB}&page[first]=2`);
      const next = await req('get', first.body.links.next as string).expect(200);
      assert.deepEqual(idsOf(next.body), [OLD]);
      assert.equal(next.body.links.next, undefined);
      const last = await req('get', `${PROVIDERS}?page[last]=1`).expect(200);
      assert.deepEqual(idsOf(last.body), [OLD]);
      const only = await req('get', `${PROVIDERS}?count=only`).expect(200);
      assert.deepEqual(only.body, {
        meta: { count: 3 },
        links: { self: `${PROVIDERS}?count=only` },
      });
      await req('get', `${PROVIDERS}?page[first]=0`).expect(400);
    });

    it('should get one provider, 404 an unknown one and 400 a malformed id', async () => {
      const res = await req('get', `${PROVIDERS}/${GOOGLE}`).expect(200);
      assert.deepEqual(res.body.data.attributes, {
        issuer: 'https://accounts.google.com/',
        human_name: 'Google',
        brand_name: 'google',
        created_at: res.body.data.attributes.created_at,
        disabled_at: null,
      });
      assert.deepEqual(res.body.links, { self: `${PROVIDERS}/${GOOGLE}` });
      const missing = await req('get', `${PROVIDERS}/${UNKNOWN}`).expect(404);
      assert.deepEqual(missing.body, {
        errors: [{ title: `Upstream OAuth 2.0 Provider ID ${UNKNOWN} not found` }],
      });
      await req('get', `${PROVIDERS}/not-a-ulid`).expect(400);
    });
  });

  describe('links', () => {
    let aliceGoogle: string;

    it('should add a link for a user and answer it with MAS attributes', async () => {
      const res = await req('post', LINKS, {
        user_id: alice,
        provider_id: GOOGLE,
        subject: 'alice-sub',
        human_account_name: 'alice@gmail.example',
      }).expect(201);
      aliceGoogle = res.body.data.id as string;
      assert.equal(res.body.data.type, 'upstream-oauth-link');
      assert.deepEqual(res.body.data.attributes, {
        created_at: res.body.data.attributes.created_at,
        provider_id: GOOGLE,
        subject: 'alice-sub',
        user_id: alice,
        human_account_name: 'alice@gmail.example',
      });
      assert.deepEqual(res.body.links, { self: `${LINKS}/${aliceGoogle}` });
      const got = await req('get', `${LINKS}/${aliceGoogle}`).expect(200);
      assert.deepEqual(got.body, res.body);
      const gitlab = await req('post', LINKS, {
        user_id: alice,
        provider_id: GITLAB,
        subject: 'a1',
      }).expect(201);
      assert.equal(gitlab.body.data.attributes.human_account_name, null);
      await req('post', LINKS, { user_id: bob, provider_id: GOOGLE, subject: 'bob-sub' }).expect(
        201,
      );
    });

    it('should refuse a second link of a user to a provider, or a subject already linked', async () => {
      const twice = await req('post', LINKS, {
        user_id: alice,
        provider_id: GOOGLE,
        subject: 'other',
      }).expect(409);
      assert.equal(
        twice.body.errors[0].title,
        `User ID ${alice} already has an upstream link for Upstream Oauth 2.0 Provider ID ${GOOGLE}`,
      );
      const taken = await req('post', LINKS, {
        user_id: bob,
        provider_id: GITLAB,
        subject: 'a1',
      }).expect(409);
      assert.match(taken.body.errors[0].title, /Subject "a1" is already linked/);
    });

    it('should 404 an unknown user or provider and 422 a bad body', async () => {
      const user = await req('post', LINKS, {
        user_id: UNKNOWN,
        provider_id: GOOGLE,
        subject: 's',
      }).expect(404);
      assert.equal(user.body.errors[0].title, `User ID ${UNKNOWN} not found`);
      const provider = await req('post', LINKS, {
        user_id: bob,
        provider_id: UNKNOWN,
        subject: 's',
      }).expect(404);
      assert.equal(
        provider.body.errors[0].title,
        `Upstream OAuth 2.0 Provider ID ${UNKNOWN} not found`,
      );
      const missing = await req('post', LINKS, { user_id: bob, provider_id: GOOGLE }).expect(422);
      assert.match(missing.body.errors[1].title, /subject/);
      await req('post', LINKS, { user_id: 'x', provider_id: GOOGLE, subject: 's' }).expect(422);
      await req('post', LINKS, {
        user_id: bob,
        provider_id: GOOGLE,
        subject: 7,
      }).expect(422);
      await req('post', LINKS)
        .set('Content-Type', 'application/json')
        .send('{"user_id":')
        .expect(400);
    });

    it('should list links with the user, provider and subject filters', async () => {
      const all = await req('get', LINKS).expect(200);
      assert.equal(all.body.meta.count, 3);
      const mine = await req('get', `${LINKS}?filter[user]=${alice}`).expect(200);
      assert.equal(mine.body.meta.count, 2);
      assert.ok(
        (mine.body.data as { attributes: { user_id: string } }[]).every(
          (d) => d.attributes.user_id === alice,
        ),
      );
      assert.equal(mine.body.links.self, `${LINKS}?filter[user]=${alice}&page[first]=10`);
      const google = await req('get', `${LINKS}?filter[provider]=${GOOGLE}`).expect(200);
      assert.equal(google.body.meta.count, 2);
      const both = await req(
        'get',
        `${LINKS}?filter[provider]=${GOOGLE}&filter[subject]=alice-sub`,
      ).expect(200);
      assert.deepEqual(idsOf(both.body), [aliceGoogle]);
      const none = await req('get', `${LINKS}?filter[subject]=nobody`).expect(200);
      assert.deepEqual(none.body.data, []);
      const page = await req('get', `${LINKS}?page[first]=2`).expect(200);
      assert.equal(page.body.data.length, 2);
      assert.ok(page.body.links.next);
      const unknownUser = await req('get', `${LINKS}?filter[user]=${UNKNOWN}`).expect(404);
      assert.equal(unknownUser.body.errors[0].title, `User ID ${UNKNOWN} not found`);
      const unknownProvider = await req('get', `${LINKS}?filter[provider]=${UNKNOWN}`).expect(404);
      assert.equal(unknownProvider.body.errors[0].title, `Provider ID ${UNKNOWN} not found`);
      await req('get', `${LINKS}?filter[user]=nope`).expect(400);
    });

    it('should delete a link, marking the sessions that used it unlinked', async () => {
      const sessionId = ulid();
      await ds.getRepository(UpstreamOAuthAuthorizationSessionEntity).insert({
        id: sessionId,
        upstreamOAuthProviderId: GOOGLE,
        upstreamOAuthLinkId: aliceGoogle,
        state: `state-${sessionId}`,
        createdAt: new Date(),
      });
      await req('delete', `${LINKS}/${aliceGoogle}`).expect(204);
      await req('get', `${LINKS}/${aliceGoogle}`).expect(404);
      const session = await ds
        .getRepository(UpstreamOAuthAuthorizationSessionEntity)
        .findOneByOrFail({ id: sessionId });
      assert.equal(session.upstreamOAuthLinkId, null);
      assert.ok(session.unlinkedAt instanceof Date);
      assert.equal(await ds.getRepository(UpstreamOAuthLinkEntity).countBy({ id: aliceGoogle }), 0);
      const again = await req('delete', `${LINKS}/${aliceGoogle}`).expect(404);
      assert.equal(
        again.body.errors[0].title,
        `Upstream OAuth 2.0 Link ID ${aliceGoogle} not found`,
      );
    });
  });

  it('should answer bodies matching the OpenAPI document', async () => {
    type Doc = {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content: Record<string, { schema: object }> }> }
        >
      >;
    };
    const doc = (await t.http().get('/api/spec.json').expect(200)).body as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const check = (path: string, method: string, status: number, body: unknown) => {
      const validate = ajv.compile(
        doc.paths[path][method].responses[String(status)].content['application/json'].schema,
      );
      assert.ok(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors)}`);
    };
    check(PROVIDERS, 'get', 200, (await req('get', PROVIDERS).expect(200)).body);
    check(`${PROVIDERS}/{id}`, 'get', 200, (await req('get', `${PROVIDERS}/${OLD}`)).body);
    const added = await req('post', LINKS, {
      user_id: bob,
      provider_id: GITLAB,
      subject: 'bob-gitlab',
    }).expect(201);
    check(LINKS, 'post', 201, added.body);
    check(LINKS, 'get', 200, (await req('get', LINKS).expect(200)).body);
    check(`${LINKS}/{id}`, 'get', 200, (await req('get', `${LINKS}/${added.body.data.id}`)).body);
    const conflict = await req('post', LINKS, {
      user_id: bob,
      provider_id: GITLAB,
      subject: 'x',
    }).expect(409);
    check(LINKS, 'post', 409, conflict.body);
  });

  it('should refuse callers without an admin token on every route', async () => {
    const user = await adminAccessToken(t.running.app, { scope: ['openid'] });
    for (const [method, path] of [
      ['get', PROVIDERS],
      ['get', `${PROVIDERS}/${GOOGLE}`],
      ['get', LINKS],
      ['post', LINKS],
      ['get', `${LINKS}/${UNKNOWN}`],
      ['delete', `${LINKS}/${UNKNOWN}`],
    ] as const) {
      await t.http()[method](path).expect(400);
      await t.http()[method](path).set('Authorization', 'Bearer not-a-token').expect(401);
      await t.http()[method](path).set('Authorization', `Bearer ${user.token}`).expect(401);
    }
  });
});
