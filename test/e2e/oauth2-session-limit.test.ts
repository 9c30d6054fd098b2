import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { csrfOf } from '../factories/browser';
import { addClient, REDIRECT_URI, type TestClient } from '../factories/code-flow.factory';
import { FormBrowser, localPath } from '../factories/form-browser';
import { TokenRows } from '../factories/token-rows.factory';
import { jobRows } from '../setup/job-rows';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';

const PASSWORD = 'correct horse battery';

describe('the session limit at consent (MAS authorization_grant too-many-sessions)', () => {
  let t: TestApp;
  let client: TestClient;
  let other: TestClient;
  before(async () => {
    t = await createTestApp(`
experimental:
  session_limit:
    soft_limit: 2
    hard_limit: 3
    max_session_threshold: 4
`);
    client = await addClient(t.running.app, { clientName: 'New Chat' });
    other = await addClient(t.running.app, { clientName: 'Old Chat' });
    const accounts = t.running.app.get(UserAccounts);
    for (const username of ['alice', 'bob', 'carol']) {
      await accounts.register({ username, password: PASSWORD });
    }
  });
  after(async () => {
    await t.close();
  });

  const ds = () => t.running.app.get(DataSource);
  const userRow = (username: string) =>
    ds().getRepository(UserEntity).findOneByOrFail({ username });

  async function addOAuth2Session(username: string, humanName: string | null = null) {
    const user = await userRow(username);
    const id = ulid();
    await ds()
      .getRepository(OAuth2SessionEntity)
      .insert({
        id,
        oauth2ClientId: other.id,
        userId: user.id,
        scopeList: ['urn:matrix:client:api:*', `urn:matrix:client:device:${ulid()}`],
        createdAt: new Date('2024-01-01T10:00:00Z'),
        lastActiveAt: new Date('2024-02-03T04:05:00Z'),
        humanName,
      });
    return id;
  }

  async function addCompatSession(username: string, deviceId: string) {
    const user = await userRow(username);
    return (await new TokenRows(ds()).compat({ user, deviceId })).session.id;
  }

  async function consentPage(browser: FormBrowser, username: string) {
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({
      client_id: client.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ',
      state: 'st',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const start = await browser.get(`/authorize?${q.toString()}`);
    let path = localPath(start, TEST_PUBLIC_BASE);
    if (path.startsWith('/login')) {
      path = localPath(await browser.signIn(username, PASSWORD, path), TEST_PUBLIC_BASE);
    }
    assert.match(path, /^\/consent\//);
    return { path, page: await browser.get(path) };
  }

  /** POSTs the too-many-sessions form with the chosen sessions (a repeated `session` field). */
  async function endSessions(browser: FormBrowser, path: string, page: Response, values: string[]) {
    const body = new URLSearchParams({ csrf: csrfOf(page.text), action: 'end_sessions' });
    for (const v of values) body.append('session', v);
    return t.http().post(path).type('form').set('Cookie', browser.cookie).send(body.toString());
  }

  const finishedAt = async (
    entity: typeof OAuth2SessionEntity | typeof CompatSessionEntity,
    id: string,
  ) => (await ds().getRepository(entity).findOneByOrFail({ id })).finishedAt;

  it('should list the sessions, end the chosen ones and then let the authorization continue', async () => {
    const oauth2 = await addOAuth2Session('alice', 'Work laptop');
    const compat = await addCompatSession('alice', 'PHONEDEVICE');
    const browser = new FormBrowser(t);
    const { path, page } = await consentPage(browser, 'alice');

    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="too-many-sessions"/);
    assert.match(page.text, /end at least 1 of your sessions/);
    assert.match(page.text, /Work laptop/);
    assert.match(page.text, /Last active 2024-02-03 04:05 UTC/);
    assert.match(page.text, /PHONEDEVICE/);
    assert.ok(page.text.includes(`value="oauth2:${oauth2}"`));
    assert.ok(page.text.includes(`value="compat:${compat}"`));
    assert.doesNotMatch(page.text, /value="allow"/);

    // Allowing anyway is refused, and sends nothing to the client.
    const refused = await browser.post(path, { action: 'allow' }, page);
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.location, undefined);

    // Without the CSRF token nothing is ended.
    const forged = await t
      .http()
      .post(path)
      .type('form')
      .set('Cookie', browser.cookie)
      .send(`action=end_sessions&session=compat:${compat}`);
    assert.notEqual(forged.status, 303);
    assert.equal(await finishedAt(CompatSessionEntity, compat), null);

    const jobsBefore = (await jobRows(ds(), 'sync-devices')).length;
    const ended = await endSessions(browser, path, page, [`compat:${compat}`]);
    assert.equal(ended.status, 303);
    assert.equal(localPath(ended, TEST_PUBLIC_BASE), path);
    assert.ok(await finishedAt(CompatSessionEntity, compat));
    assert.equal(await finishedAt(OAuth2SessionEntity, oauth2), null);
    assert.ok((await jobRows(ds(), 'sync-devices')).length > jobsBefore, 'device deletion queued');

    // Under the limit now: the ordinary consent page, and the code.
    const consent = await browser.get(path);
    assert.equal(consent.status, 200);
    assert.match(consent.text, /value="allow"/);
    const allowed = await browser.post(path, { action: 'allow' }, consent);
    assert.equal(allowed.status, 303);
    const location = new URL(allowed.headers.location);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
    assert.match(location.searchParams.get('code') ?? '', /^[A-Za-z0-9]{32}$/);
  });

  it("should never end another person's session from the form", async () => {
    const bobs = await addCompatSession('bob', 'BOBSDEVICE');
    await addOAuth2Session('carol');
    await addCompatSession('carol', 'CAROLPHONE');
    const browser = new FormBrowser(t);
    const { path, page } = await consentPage(browser, 'carol');
    assert.match(page.text, /data-testid="too-many-sessions"/);
    const res = await endSessions(browser, path, page, [`compat:${bobs}`, 'compat:nonsense']);
    assert.equal(res.status, 303);
    assert.equal(await finishedAt(CompatSessionEntity, bobs), null);
    const again = await browser.get(path);
    assert.match(again.text, /data-testid="too-many-sessions"/);
  });

  it('should ask to end several sessions when far over the soft limit', async () => {
    // bob: one compat session from the previous test, two more here = 3, soft limit 2.
    await addOAuth2Session('bob');
    await addCompatSession('bob', 'BOBSTABLET');
    const browser = new FormBrowser(t);
    const { page } = await consentPage(browser, 'bob');
    assert.match(page.text, /end at least 2 of your sessions/);
  });

  it('should not limit accounts over max_session_threshold', async () => {
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'dave', password: PASSWORD });
    for (let i = 0; i < 5; i++) await addCompatSession('dave', `DAVEDEVICE${i}`);
    const browser = new FormBrowser(t);
    const { page } = await consentPage(browser, 'dave');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /too-many-sessions/);
    assert.match(page.text, /value="allow"/);
  });
});
