import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { FormBrowser, localPath } from '../factories/form-browser';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { smtpSinkConfig, startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';
import { waitFor } from '../setup/wait-for';

const LIMITS = `
rate_limiting:
  email_authentication:
    per_ip: { burst: 100000, per_second: 1000 }
    per_address: { burst: 100000, per_second: 1000 }
    attempt_per_session: { burst: 3, per_second: 0.000001 }
policy:
  data:
    banned_domains: [spam.test]
`;

async function codeFor(sink: SmtpSink, address: string, count = 1): Promise<string> {
  const mails = await sink.waitForMailsTo(address, count);
  const m = /\b(\d{6})\b/.exec(mails[mails.length - 1].text);
  assert.ok(m, 'a 6-digit code in the mail');
  return m[1];
}

/** Signs `username` in and opens /account/emails. */
async function emailsPage(
  t: TestApp,
  username: string,
): Promise<{ browser: FormBrowser; page: Response }> {
  const browser = new FormBrowser(t);
  await browser.signIn(username, 'pw');
  const page = await browser.get('/account/emails');
  assert.equal(page.status, 200);
  return { browser, page };
}

/** Asks for a code for `email`; the code page and its path. */
async function requestCode(browser: FormBrowser, page: Response, email: string) {
  const res = await browser.post('/account/emails', { email }, page);
  assert.equal(res.status, 303, res.text);
  const path = localPath(res, TEST_PUBLIC_BASE);
  assert.match(path, /^\/account\/emails\/[0-9A-Z]{26}\/verify$/);
  const codePage = await browser.get(path);
  assert.equal(codePage.status, 200);
  return { path, codePage };
}

describe('/account/emails (MAS account emails: add with a code, remove)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let fake: RecordingHomeserver;
  before(async () => {
    sink = await startSmtpSink();
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    t = await createTestApp([
      LIMITS,
      smtpSinkConfig(sink.port),
      `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n  secret: "s3cret"\n`,
    ]);
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'alice', password: 'pw', emails: ['alice@mail.test'] });
    await accounts.register({ username: 'bob', password: 'pw', emails: ['bob@mail.test'] });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
    await fake?.close();
  });

  it('should send a signed-out browser to the login page and back', async () => {
    const res = await t.http().get('/account/emails');
    assert.equal(res.status, 303);
    assert.equal(localPath(res, TEST_PUBLIC_BASE), '/login?next=%2Faccount%2Femails');
  });

  it('should list the addresses in the emails tab of the account frame', async () => {
    const { page } = await emailsPage(t, 'alice');
    assert.match(page.text, /alice@mail\.test/);
    assert.match(
      page.text,
      /href="https:\/\/auth\.example\.test\/account\/emails" aria-current="page"/,
    );
  });

  it('should add an address once its mailed code is entered, and push it to the homeserver', async () => {
    const { browser, page } = await emailsPage(t, 'alice');
    const { path, codePage } = await requestCode(browser, page, 'alice.work@mail.test');
    assert.match(codePage.text, /We sent a 6-digit code to alice\.work@mail\.test/);
    const code = await codeFor(sink, 'alice.work@mail.test');
    const done = await browser.post(path, { code }, codePage);
    assert.equal(done.status, 303);
    assert.equal(localPath(done, TEST_PUBLIC_BASE), '/account/emails');
    const list = await browser.get('/account/emails');
    assert.match(list.text, /alice\.work@mail\.test/);
    await waitFor('provision_user with both addresses', () =>
      fake
        .requestsTo('/_synapse/mas/provision_user')
        .find((r) => (r.body as { set_emails?: string[] }).set_emails?.length === 2),
    );
    const reused = await browser.post(path, { code }, codePage);
    assert.equal(reused.status, 404, 'a completed request cannot be used again');
  });

  it('should refuse a wrong code, then too many attempts, adding nothing', async () => {
    const { browser, page } = await emailsPage(t, 'alice');
    const { path, codePage } = await requestCode(browser, page, 'alice.guess@mail.test');
    const real = await codeFor(sink, 'alice.guess@mail.test');
    const wrong = real === '999999' ? '888888' : '999999';
    for (let i = 0; i < 3; i++) {
      const res = await browser.post(path, { code: wrong }, codePage);
      assert.equal(res.status, 400);
      assert.match(res.text, /This code is not right/);
    }
    const locked = await browser.post(path, { code: real }, codePage);
    assert.equal(locked.status, 429);
    assert.doesNotMatch((await browser.get('/account/emails')).text, /alice\.guess@mail\.test/);
  });

  const refusals: [string, string, number, RegExp][] = [
    ['a malformed address', 'nope', 400, /Enter a valid email address/],
    ['an address already on the account', 'ALICE@mail.test', 400, /already on your account/],
    [
      'an address the email policy bans',
      'x@spam.test',
      403,
      /Addresses of this domain are not allowed/,
    ],
  ];
  for (const [what, email, status, message] of refusals) {
    it(`should refuse ${what} with a readable page and mail nothing`, async () => {
      const { browser, page } = await emailsPage(t, 'alice');
      const res = await browser.post('/account/emails', { email }, page);
      assert.equal(res.status, status);
      assert.match(res.text, message);
      assert.match(res.text, /aria-describedby="email-error"/);
      assert.equal(sink.mailsTo(email).length, 0);
    });
  }

  it('should not add an address of another account, telling so only after the code', async () => {
    const { browser, page } = await emailsPage(t, 'alice');
    const { path, codePage } = await requestCode(browser, page, 'bob@mail.test');
    const code = await codeFor(sink, 'bob@mail.test');
    const res = await browser.post(path, { code }, codePage);
    assert.equal(res.status, 409);
    assert.match(res.text, /already belongs to another account/);
  });

  it("should refuse another session's code request", async () => {
    const { browser, page } = await emailsPage(t, 'alice');
    const { path } = await requestCode(browser, page, 'alice.mine@mail.test');
    const other = await emailsPage(t, 'alice');
    assert.equal((await other.browser.get(path)).status, 404);
    const bob = await emailsPage(t, 'bob');
    assert.equal((await bob.browser.get(path)).status, 404);
  });

  it('should remove an address (even the last one, as MAS), and only one of the account', async () => {
    const { browser, page } = await emailsPage(t, 'bob');
    const bobId =
      /action="https:\/\/auth\.example\.test\/account\/emails\/([0-9A-Z]{26})\/remove"/.exec(
        page.text,
      )?.[1];
    assert.ok(bobId);
    const alice = await emailsPage(t, 'alice');
    const foreign = await alice.browser.post(`/account/emails/${bobId}/remove`, {}, alice.page);
    assert.equal(foreign.status, 404);
    assert.match(foreign.text, /not on your account/);
    const removed = await browser.post(`/account/emails/${bobId}/remove`, {}, page);
    assert.equal(removed.status, 303);
    const list = await browser.get('/account/emails');
    assert.doesNotMatch(list.text, /bob@mail\.test/);
    assert.match(list.text, /Your account has no email address/);
    await waitFor('provision_user of bob without addresses', () =>
      fake.requestsTo('/_synapse/mas/provision_user').find((r) => {
        const body = r.body as {
          localpart?: string;
          set_emails?: string[];
          unset_emails?: boolean;
        };
        return (
          body.localpart === 'bob' && (body.unset_emails === true || body.set_emails?.length === 0)
        );
      }),
    );
  });

  it('should refuse every form without the CSRF token', async () => {
    const { browser, page } = await emailsPage(t, 'alice');
    assert.equal((await browser.post('/account/emails', { email: 'csrf@mail.test' })).status, 403);
    const { path } = await requestCode(browser, page, 'alice.csrf@mail.test');
    assert.equal((await browser.post(path, { code: '123456' })).status, 403);
    const id = /account\/emails\/([0-9A-Z]{26})\/remove/.exec(page.text)?.[1] ?? '';
    assert.equal((await browser.post(`/account/emails/${id}/remove`, {})).status, 403);
  });
});

describe('/account/emails with email_change_allowed: false', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(`account:\n  email_change_allowed: false\n`);
    await t.running.app
      .get(UserAccounts)
      .register({ username: 'carol', password: 'pw', emails: ['carol@mail.test'] });
  });
  after(async () => {
    await t?.close();
  });

  it('should list the addresses without add or remove forms, and refuse both', async () => {
    const { browser, page } = await emailsPage(t, 'carol');
    assert.match(page.text, /carol@mail\.test/);
    assert.match(page.text, /cannot be changed on this service/);
    assert.doesNotMatch(page.text, /\/remove"/);
    // This page has no form; the account page's sign-out form gives a CSRF token.
    const withToken = await browser.get('/account');
    const add = await browser.post('/account/emails', { email: 'new@mail.test' }, withToken);
    assert.equal(add.status, 403);
    const remove = await browser.post(
      '/account/emails/01J00000000000000000000000/remove',
      {},
      withToken,
    );
    assert.equal(remove.status, 403);
  });
});
