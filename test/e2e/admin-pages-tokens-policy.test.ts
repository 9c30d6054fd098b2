import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { PolicyDataRepository } from '../../src/storage/policy/policy-data.repository';
import { UserRegistrationTokenEntity } from '../../src/storage/users/user-registration-token.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { FormBrowser, localPath } from '../factories/form-browser';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

const PW = 'admin pages pw';
const TOKENS = '/account/admin/registration-tokens';
const POLICY = '/account/admin/policy-data';
const BAN = { requester: { banned_ips: ['203.0.113.0/24'] } };

/** The registration token and policy data pages (docs/admin-pages.md). */
describe('admin pages: registration tokens and policy data', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: FormBrowser;

  const tokenRows = () => ds.getRepository(UserRegistrationTokenEntity).find();

  before(async () => {
    t = await createTestApp();
    ds = t.running.app.get(DataSource);
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'root', password: PW, admin: true });
    await accounts.register({ username: 'plain', password: PW });
    admin = new FormBrowser(t);
    await admin.signIn('root', PW);
  });
  after(async () => {
    await t.close();
  });

  it('should send anonymous browsers to the login page and refuse non-admins with a 403', async () => {
    for (const path of [TOKENS, POLICY]) {
      const res = await new FormBrowser(t).get(path);
      assert.equal(res.status, 303);
      assert.equal(localPath(res, TEST_PUBLIC_BASE), `/login?next=${encodeURIComponent(path)}`);
    }
    const plain = new FormBrowser(t);
    await plain.signIn('plain', PW);
    const page = await plain.get('/account');
    for (const path of [TOKENS, POLICY]) {
      assert.equal((await plain.post(path, { data: '{}' }, page)).status, 403);
    }
    assert.deepEqual(await tokenRows(), []);
    assert.equal(await t.running.app.get(PolicyDataRepository).findNewest(), null);
  });

  it('should issue a drawn token and show it once issued', async () => {
    const list = await admin.get(TOKENS);
    assert.equal(list.status, 200);
    assert.match(list.text, /No registration token yet\./);
    const issued = await admin.post(TOKENS, { token: '', usage_limit: '', expires_at: '' }, list);
    assert.equal(issued.status, 303);
    const next = localPath(issued, TEST_PUBLIC_BASE);
    assert.match(next, /^\/account\/admin\/registration-tokens\?done=issued&issued=[0-9A-Z]{26}$/);
    const [row] = await tokenRows();
    assert.equal(row.usageLimit, null);
    assert.equal(row.expiresAt, null);
    const shown = await admin.get(next);
    const token = /<code id="issued-token">([A-Za-z0-9]{12})<\/code>/.exec(shown.text)?.[1];
    assert.ok(token, 'the drawn token is shown');
    assert.match(shown.text, /Token issued:/);
    assert.match(shown.text, /0 \(no limit\)/);
  });

  it('should issue a chosen token with a usage limit and an expiry (UTC)', async () => {
    const list = await admin.get(TOKENS);
    const res = await admin.post(
      TOKENS,
      { token: 'welcome-2030', usage_limit: '3', expires_at: '2099-01-31T12:30' },
      list,
    );
    assert.equal(res.status, 303);
    const row = (await tokenRows()).find((r) => r.usageLimit === 3);
    assert.ok(row);
    assert.equal(row.expiresAt?.toISOString(), '2099-01-31T12:30:00.000Z');
    const shown = await admin.get(localPath(res, TEST_PUBLIC_BASE));
    assert.match(shown.text, /<code id="issued-token">welcome-2030<\/code>/);
    assert.match(shown.text, /0 of 3/);
    assert.match(shown.text, /Expires 2099-01-31 12:30 UTC/);
  });

  it('should show the form again with readable errors on bad input, issuing nothing', async () => {
    const before = (await tokenRows()).length;
    const list = await admin.get(TOKENS);
    const cases: [Record<string, string>, number, RegExp, string][] = [
      [{ token: 'welcome-2030' }, 409, /A token with this value already exists\./, 'token-error'],
      [{ token: 'has space' }, 400, /without spaces or control characters/, 'token-error'],
      [{ token: 'x'.repeat(256) }, 400, /1 to 255 characters/, 'token-error'],
      [{ usage_limit: '0' }, 400, /whole number of 1 or more/, 'usage-limit-error'],
      [{ usage_limit: 'many' }, 400, /whole number of 1 or more/, 'usage-limit-error'],
      [{ expires_at: 'tomorrow' }, 400, /Enter a date and time/, 'expires-at-error'],
      [{ expires_at: '2026-02-30T10:00' }, 400, /Enter a date and time/, 'expires-at-error'],
      [{ expires_at: '2000-01-01T00:00' }, 400, /must be in the future/, 'expires-at-error'],
    ];
    for (const [fields, status, message, errorId] of cases) {
      const res = await admin.post(TOKENS, fields, list);
      assert.equal(res.status, status, JSON.stringify(fields));
      assert.match(res.text, message);
      assert.match(res.text, new RegExp(`id="${errorId}" role="alert"`));
      assert.match(res.text, new RegExp(`aria-describedby="${errorId} `));
      assert.match(res.text, /aria-invalid="true"/);
    }
    assert.equal((await tokenRows()).length, before);
  });

  it('should revoke and unrevoke a token, and answer 404 for an unknown one', async () => {
    const row = (await tokenRows()).find((r) => r.usageLimit === 3)!;
    const list = await admin.get(TOKENS);
    const revoked = await admin.post(`${TOKENS}/${row.id}/revoke`, {}, list);
    assert.equal(localPath(revoked, TEST_PUBLIC_BASE), `${TOKENS}?done=revoked`);
    const after = await ds
      .getRepository(UserRegistrationTokenEntity)
      .findOneByOrFail({ id: row.id });
    assert.notEqual(after.revokedAt, null);
    const shown = await admin.get(`${TOKENS}?done=revoked`);
    assert.match(shown.text, /The token is revoked\./);
    assert.match(shown.text, new RegExp(`${row.id}/unrevoke`));
    const twice = await admin.post(`${TOKENS}/${row.id}/revoke`, {}, list);
    assert.equal(localPath(twice, TEST_PUBLIC_BASE), `${TOKENS}?done=unchanged`);
    const back = await admin.post(`${TOKENS}/${row.id}/unrevoke`, {}, list);
    assert.equal(localPath(back, TEST_PUBLIC_BASE), `${TOKENS}?done=unrevoked`);
    const restored = await ds
      .getRepository(UserRegistrationTokenEntity)
      .findOneByOrFail({ id: row.id });
    assert.equal(restored.revokedAt, null);
    assert.equal(
      (await admin.post(`${TOKENS}/01ARZ3NDEKTSV4RRFFQ69G5FAV/revoke`, {}, list)).status,
      404,
    );
    assert.equal((await admin.post(`${TOKENS}/nope/revoke`, {}, list)).status, 404);
    assert.equal((await admin.post(`${TOKENS}/${row.id}/revoke`, {})).status, 403, 'CSRF');
  });

  it('should page through many tokens, newest first', async () => {
    const list = await admin.get(TOKENS);
    for (let i = 0; i < 50; i++) await admin.post(TOKENS, { token: `bulk-${i}` }, list);
    const first = await admin.get(TOKENS);
    assert.match(first.text, /bulk-49/);
    assert.doesNotMatch(first.text, /welcome-2030/);
    const older = /href="([^"]+)" rel="next"/.exec(first.text)?.[1];
    assert.ok(older, 'an older page');
    const second = await admin.get(older.slice(TEST_PUBLIC_BASE.length - 1));
    assert.match(second.text, /welcome-2030/);
    assert.doesNotMatch(second.text, /rel="next"/);
    const newer = /href="([^"]+)" rel="prev"/.exec(second.text)?.[1];
    assert.ok(newer, 'a newer page');
    const again = await admin.get(newer.slice(TEST_PUBLIC_BASE.length - 1));
    assert.match(again.text, /bulk-49/);
  });

  it('should show that no dynamic policy data is set, with the static data', async () => {
    const res = await admin.get(POLICY);
    assert.equal(res.status, 200);
    assert.match(res.text, /No dynamic policy data was ever set/);
    assert.match(res.text, /<textarea id="data" name="data"[^>]*>\{\}<\/textarea>/);
    assert.match(res.text, /&quot;server_name&quot;: &quot;example\.test&quot;/);
  });

  it('should refuse bad JSON, a non-object and data the engine rejects, keeping the text', async () => {
    const page = await admin.get(POLICY);
    const cases: [string, RegExp][] = [
      ['', /Enter a JSON object/],
      ['{"requester": ', /This is not valid JSON:/],
      ['[1, 2]', /must be a JSON object/],
      ['{"admin_users": "everyone"}', /The policy engine refused this data:[\s\S]*admin_users/],
    ];
    for (const [data, message] of cases) {
      const res = await admin.post(POLICY, { data }, page);
      assert.equal(res.status, 400, data);
      assert.match(res.text, message);
      assert.match(res.text, /id="policy-error" role="alert"/);
      assert.match(res.text, /aria-describedby="policy-error data-hint" aria-invalid="true"/);
      if (data !== '') {
        const kept = data.replace(/"/g, '&quot;');
        assert.ok(res.text.includes(`>${kept}</textarea>`), `the text is kept: ${data}`);
      }
    }
    assert.equal(await t.running.app.get(PolicyDataRepository).findNewest(), null);
  });

  it('should save data the engine accepts and put it in force at once', async () => {
    const page = await admin.get(POLICY);
    const res = await admin.post(POLICY, { data: JSON.stringify(BAN) }, page);
    assert.equal(res.status, 303);
    assert.equal(localPath(res, TEST_PUBLIC_BASE), `${POLICY}?done=saved`);
    const row = await t.running.app.get(PolicyDataRepository).findNewest();
    assert.deepEqual(row?.data, BAN);
    const shown = await admin.get(`${POLICY}?done=saved`);
    assert.match(shown.text, /The policy data is saved and in force\./);
    assert.match(shown.text, new RegExp(`In force: version ${row.id}`));
    assert.match(shown.text, /203\.0\.113\.0\/24/);
    const banned = await t
      .http()
      .post('/_matrix/client/v3/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: 'plain' },
        password: PW,
      });
    assert.equal(banned.status, 403, banned.text);
    assert.equal((await admin.post(POLICY, { data: '{}' })).status, 403, 'CSRF');
  });
});
