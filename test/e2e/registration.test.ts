import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { UserRegistrationTokenAdminRepository } from '../../src/storage/users/user-registration-token-admin.repository';
import { ulidToUuid } from '../../src/storage/ulid-column';
import { UserRepository } from '../../src/storage/users/user.repository';
import { RegistrationTokens } from '../../src/users/registration-tokens.service';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { addClient, REDIRECT_URI, type TestClient } from '../factories/code-flow.factory';
import { FormBrowser, localPath } from '../factories/form-browser';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { smtpSinkConfig, startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';
import { waitFor } from '../setup/wait-for';

const STRONG = 'Tq9#vL2!mZ8@pW-horse';
const TOS = 'https://example.test/tos';

const homeserverConfig = (fake: RecordingHomeserver) =>
  `matrix:\n  homeserver: example.test\n  endpoint: "${fake.endpoint}"\n  secret: "s3cret"\n`;

/** Limits no test reaches, except the code attempts and resends, which tests do reach. */
const LIMITS = `
rate_limiting:
  registration: { burst: 100000, per_second: 1000 }
  email_authentication:
    per_ip: { burst: 100000, per_second: 1000 }
    per_address: { burst: 100000, per_second: 1000 }
    emails_per_session: { burst: 1, per_second: 0.000001 }
    attempt_per_session: { burst: 3, per_second: 0.000001 }
`;

const MAIN = `
account:
  password_registration_enabled: true
passwords:
  minimum_complexity: 3
branding:
  tos_uri: ${TOS}
policy:
  data:
    banned_domains: [spam.test]
    registration:
      banned_usernames: { literals: [admin] }
`;

/** The code of the newest mail to `address` (bounded wait for `count` mails). */
async function codeFor(sink: SmtpSink, address: string, count = 1): Promise<string> {
  const mails = await sink.waitForMailsTo(address, count);
  const mail = mails[mails.length - 1];
  const m = /\b(\d{6})\b/.exec(mail.text);
  assert.ok(m, `a 6-digit code in: ${mail.text}`);
  assert.ok(mail.html.includes(m[1]), 'the HTML part shows the code too');
  return m[1];
}

interface Fields {
  username?: string;
  email?: string;
  password?: string;
  password_confirm?: string;
  accept_terms?: string;
  next?: string;
}

/** Opens the form and submits it; the answer. */
async function submitForm(browser: FormBrowser, fields: Fields, formPath = '/register/password') {
  const form = await browser.get(formPath);
  assert.equal(form.status, 200, `the form at ${formPath}`);
  const password = fields.password ?? STRONG;
  const all: Record<string, string> = {
    username: fields.username ?? 'newbie',
    email: fields.email ?? '',
    password,
    password_confirm: fields.password_confirm ?? password,
    ...(fields.accept_terms === undefined ? {} : { accept_terms: fields.accept_terms }),
    ...(fields.next === undefined ? {} : { next: fields.next }),
  };
  return browser.post('/register/password', all, form);
}

/** Follows the 303s of this service (bounded), returning the first answer that is not one. */
async function follow(browser: FormBrowser, res: Response, limit = 5): Promise<Response> {
  let current = res;
  for (let i = 0; i < limit && current.status === 303; i++) {
    const location = current.headers.location;
    if (!location.startsWith(TEST_PUBLIC_BASE)) return current;
    current = await browser.get(localPath(current, TEST_PUBLIC_BASE));
  }
  return current;
}

describe('password registration (MAS views/register/*)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let fake: RecordingHomeserver;
  let client: TestClient;
  before(async () => {
    sink = await startSmtpSink();
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    fake.on('GET', '/_synapse/mas/is_localpart_available', (req) =>
      req.query.localpart === 'hsreserved'
        ? { status: 400, body: { errcode: 'M_USER_IN_USE', error: 'User ID already taken.' } }
        : { status: 200, body: {} },
    );
    t = await createTestApp([MAIN, LIMITS, smtpSinkConfig(sink.port), homeserverConfig(fake)]);
    client = await addClient(t.running.app);
    await t.running.app
      .get(UserAccounts)
      .register({ username: 'alice', password: 'alice pw', emails: ['alice@mail.test'] });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
    await fake?.close();
  });

  const ds = () => t.running.app.get(DataSource);

  it('should register from /authorize?prompt=create with an email code and return a code to the client', async () => {
    const browser = new FormBrowser(t);
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({
      client_id: client.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid urn:matrix:client:api:*',
      state: 'st8',
      prompt: 'create',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const authorize = await browser.get(`/authorize?${q.toString()}`);
    assert.equal(authorize.status, 303);
    const registerPath = localPath(authorize, TEST_PUBLIC_BASE);
    assert.match(registerPath, /^\/register\?next=%2Fconsent%2F[0-9A-Z]{26}$/);
    const consentPath = decodeURIComponent(registerPath.slice('/register?next='.length));

    const entry = await browser.get(registerPath);
    assert.equal(entry.status, 303);
    const formPath = localPath(entry, TEST_PUBLIC_BASE);
    assert.equal(formPath, `/register/password?next=${encodeURIComponent(consentPath)}`);
    const form = await browser.get(formPath);
    assert.match(form.text, /name="accept_terms"/);
    assert.match(form.text, new RegExp(`href="${TOS}"`));
    assert.match(form.text, new RegExp(`name="next" value="${consentPath}"`));

    const submitted = await submitForm(
      browser,
      { username: 'newbie', email: 'newbie@mail.test', accept_terms: '1', next: consentPath },
      formPath,
    );
    assert.equal(submitted.status, 303, submitted.text);
    const codePage = await follow(browser, submitted);
    assert.equal(codePage.status, 200);
    assert.match(codePage.text, /We sent a 6-digit code to newbie@mail\.test/);
    const stepsPath =
      /action="https:\/\/auth\.example\.test(\/register\/steps\/[0-9A-Z]{26}\/verify-email)"/.exec(
        codePage.text,
      )?.[1];
    assert.ok(stepsPath);

    const code = await codeFor(sink, 'newbie@mail.test');
    const mail = sink.mailsTo('newbie@mail.test')[0];
    assert.match(mail.subject, /Your code for/);
    const verified = await browser.post(stepsPath, { code }, codePage);
    assert.equal(verified.status, 303);
    const namePage = await follow(browser, verified);
    assert.match(namePage.text, /Choose a display name/);
    const named = await browser.post(
      stepsPath.replace('verify-email', 'display-name'),
      { display_name: 'New Bie' },
      namePage,
    );
    const finish = await browser.get(localPath(named, TEST_PUBLIC_BASE));
    assert.equal(finish.status, 303);
    assert.equal(localPath(finish, TEST_PUBLIC_BASE), consentPath);

    const consent = await browser.get(consentPath);
    assert.equal(consent.status, 200);
    assert.match(consent.text, /@newbie:example\.test/);
    const allowed = await browser.post(consentPath, { action: 'allow' }, consent);
    assert.equal(allowed.status, 303);
    const back = new URL(allowed.headers.location);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
    assert.equal(back.searchParams.get('state'), 'st8');
    assert.ok(back.searchParams.get('code'));

    const user = await t.running.app.get(UserRepository).findByUsername('newbie');
    assert.ok(user);
    const [terms] = await ds().query(
      `SELECT terms_url FROM user_terms WHERE user_id = (SELECT user_id FROM users WHERE username = 'newbie')`,
    );
    assert.equal((terms as { terms_url: string }).terms_url, TOS);
    const emails = await ds().query(
      `SELECT email FROM user_emails e JOIN users u USING (user_id) WHERE u.username = 'newbie'`,
    );
    assert.deepEqual(emails, [{ email: 'newbie@mail.test' }]);
    const [registration] = await ds().query(
      `SELECT completed_at, hashed_password FROM user_registrations WHERE username = 'newbie'`,
    );
    assert.ok((registration as { completed_at: Date | null }).completed_at);
    const provisioned = await waitFor('provision_user for newbie', () =>
      fake
        .requestsTo('/_synapse/mas/provision_user')
        .find((r) => (r.body as { localpart?: string }).localpart === 'newbie'),
    );
    assert.deepEqual((provisioned.body as { set_emails?: string[] }).set_emails, [
      'newbie@mail.test',
    ]);
    assert.equal((provisioned.body as { set_displayname?: string }).set_displayname, 'New Bie');
    // The code stored is its SHA-256, never the code.
    const codes: { code_sha256: Buffer }[] = await ds().query(
      'SELECT code_sha256 FROM user_email_authentication_codes',
    );
    assert.ok(codes.every((c) => !c.code_sha256.toString('utf8').includes(code)));
  });

  it('should sign in with a new browser session at the finish, never one seen before', async () => {
    const browser = new FormBrowser(t);
    const submitted = await submitForm(browser, {
      username: 'fixation',
      email: 'fixation@mail.test',
      accept_terms: '1',
    });
    const codePage = await follow(browser, submitted);
    const before = browser.cookie;
    const sessionsBefore: { user_session_id: string }[] = await ds().query(
      'SELECT user_session_id FROM user_sessions',
    );
    const stepsPath =
      /action="https:\/\/auth\.example\.test([^"]+verify-email)"/.exec(codePage.text)?.[1] ?? '';
    const verified = await browser.post(
      stepsPath,
      { code: await codeFor(sink, 'fixation@mail.test') },
      codePage,
    );
    const namePage = await follow(browser, verified);
    const skipped = await browser.post(
      stepsPath.replace('verify-email', 'display-name'),
      { action: 'skip' },
      namePage,
    );
    const finish = await browser.get(localPath(skipped, TEST_PUBLIC_BASE));
    assert.equal(finish.status, 303);
    assert.notEqual(browser.cookie, before);
    const rows: { user_session_id: string; username: string }[] = await ds().query(
      `SELECT s.user_session_id, u.username FROM user_sessions s JOIN users u USING (user_id)
        WHERE u.username = 'fixation'`,
    );
    assert.equal(rows.length, 1);
    assert.ok(!sessionsBefore.some((s) => s.user_session_id === rows[0].user_session_id));
    // The cookie from before the finish is not signed in.
    const old = await t.http().get('/account').set('Cookie', before);
    assert.equal(old.status, 303);
    assert.match(old.headers.location, /\/login/);
    const now = await browser.get('/account');
    assert.equal(now.status, 200);
    assert.match(now.text, /@fixation:example\.test/);
    // Skipped: no display name is pushed.
    const pushed = await waitFor('provision_user for fixation', () =>
      fake
        .requestsTo('/_synapse/mas/provision_user')
        .find((r) => (r.body as { localpart?: string }).localpart === 'fixation'),
    );
    assert.equal((pushed.body as { set_displayname?: string }).set_displayname, undefined);
  });

  const refusals: [string, Fields, RegExp][] = [
    ['a taken username', { username: 'alice' }, /This username is already taken/],
    ['a taken username in another case', { username: 'ALICE' }, /Use only lowercase letters/],
    [
      'a username the homeserver refuses',
      { username: 'hsreserved' },
      /not available on the homeserver/,
    ],
    [
      'a username banned by the register policy',
      { username: 'admin' },
      /This username is not allowed/,
    ],
    ['an all-numeric username', { username: '1234' }, /not only digits/],
    ['an empty username', { username: '' }, /Choose a username\./],
    ['a weak password', { password: 'password' }, /too easy to guess/],
    [
      'mismatched passwords',
      { password_confirm: `${STRONG}x` },
      /The two passwords are not the same/,
    ],
    ['an empty password', { password: '' }, /Choose a password\./],
    ['no email although it is required', { email: '' }, /Enter your email address/],
    ['a malformed email', { email: 'not-an-address' }, /Enter a valid email address/],
    [
      'an email of a banned domain',
      { email: 'x@spam.test' },
      /Addresses of this domain are not allowed/,
    ],
  ];
  for (const [what, fields, message] of refusals) {
    it(`should refuse ${what} with a readable form and store nothing`, async () => {
      const before = await ds().query('SELECT count(*)::int AS n FROM user_registrations');
      const res = await submitForm(new FormBrowser(t), {
        email: 'someone@mail.test',
        accept_terms: '1',
        ...fields,
      });
      assert.equal(res.status, 400, res.text);
      assert.match(res.text, message);
      assert.match(res.text, /aria-invalid="true" aria-describedby="[a-z_]+-error/);
      assert.deepEqual(
        await ds().query('SELECT count(*)::int AS n FROM user_registrations'),
        before,
      );
    });
  }

  it('should refuse the form while the terms of service are not accepted', async () => {
    const res = await submitForm(new FormBrowser(t), { email: 'tos@mail.test' });
    assert.equal(res.status, 400);
    assert.match(res.text, /You must accept the terms of service/);
  });

  it('should keep what was typed, but never the passwords, on a refused form', async () => {
    const res = await submitForm(new FormBrowser(t), {
      username: 'keepme',
      email: 'keep@mail.test',
      password: 'password',
      accept_terms: '1',
    });
    assert.match(res.text, /value="keepme"/);
    assert.match(res.text, /value="keep@mail\.test"/);
    assert.doesNotMatch(res.text, /value="password"/);
    assert.match(res.text, /<meter id="password-strength"[^>]*value="[01]"/);
  });

  it('should refuse a form without the CSRF token', async () => {
    const browser = new FormBrowser(t);
    await browser.get('/register/password');
    const res = await browser.post('/register/password', {
      username: 'nocsrf',
      email: 'nocsrf@mail.test',
      password: STRONG,
      password_confirm: STRONG,
      accept_terms: '1',
    });
    assert.equal(res.status, 403);
    assert.equal(
      (await ds().query(`SELECT * FROM user_registrations WHERE username = 'nocsrf'`)).length,
      0,
    );
  });

  /** A registration waiting for its email code: the browser, the code page and its path. */
  async function atCodeStep(username: string, email = `${username}@mail.test`) {
    const browser = new FormBrowser(t);
    const submitted = await submitForm(browser, {
      username,
      email,
      accept_terms: '1',
    });
    assert.equal(submitted.status, 303, submitted.text);
    const page = await follow(browser, submitted);
    const path = /action="https:\/\/auth\.example\.test([^"]+verify-email)"/.exec(page.text)?.[1];
    assert.ok(path);
    return { browser, page, path };
  }

  it('should refuse a wrong code, then too many attempts, and keep the registration at its step', async () => {
    const { browser, page, path } = await atCodeStep('guesser');
    const real = await codeFor(sink, 'guesser@mail.test');
    const wrong = real === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) {
      const res = await browser.post(path, { code: wrong }, page);
      assert.equal(res.status, 400);
      assert.match(res.text, /This code is not right/);
    }
    const locked = await browser.post(path, { code: real }, page);
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.match(locked.text, /Too many wrong codes/);
    const finish = await browser.get(path.replace('verify-email', 'finish'));
    assert.equal(localPath(finish, TEST_PUBLIC_BASE), path);
  });

  it('should refuse an expired code', async () => {
    const { browser, page, path } = await atCodeStep('slowpoke');
    const code = await codeFor(sink, 'slowpoke@mail.test');
    await ds().query(
      `UPDATE user_email_authentication_codes SET expires_at = now() - interval '1 second'
        WHERE user_email_authentication_id = (SELECT user_email_authentication_id
          FROM user_email_authentications WHERE email = 'slowpoke@mail.test')`,
    );
    const res = await browser.post(path, { code }, page);
    assert.equal(res.status, 400);
    assert.match(res.text, /This code has expired/);
  });

  it('should mail a new code on resend, once within the limit, then answer 429', async () => {
    const { browser, page, path } = await atCodeStep('resender');
    await codeFor(sink, 'resender@mail.test');
    const resent = await browser.post(path, { action: 'resend' }, page);
    assert.equal(resent.status, 200);
    assert.match(resent.text, /A new code is on its way/);
    const second = await codeFor(sink, 'resender@mail.test', 2);
    const again = await browser.post(path, { action: 'resend' }, page);
    assert.equal(again.status, 429);
    assert.match(again.text, /Too many codes were sent/);
    const ok = await browser.post(path, { code: second }, page);
    assert.equal(ok.status, 303);
  });

  it('should continue a registration only in the browser that started it', async () => {
    const { path } = await atCodeStep('bound');
    const stranger = new FormBrowser(t);
    const res = await stranger.get(path);
    assert.equal(res.status, 404);
    assert.match(res.text, /Registration not found/);
    assert.equal((await stranger.get(path.replace('verify-email', 'finish'))).status, 404);
  });

  it('should show the "email in use" page when the verified address already has an account', async () => {
    const { browser, page, path } = await atCodeStep('copycat', 'Alice@Mail.test');
    const code = await codeFor(sink, 'alice@mail.test');
    const verified = await browser.post(path, { code }, page);
    const namePage = await follow(browser, verified);
    const skipped = await browser.post(
      path.replace('verify-email', 'display-name'),
      { action: 'skip' },
      namePage,
    );
    const finish = await browser.get(localPath(skipped, TEST_PUBLIC_BASE));
    assert.equal(finish.status, 409);
    assert.match(finish.text, /already belongs to another account/);
    assert.equal(await t.running.app.get(UserRepository).findByUsername('copycat'), null);
  });

  it('should link to registration from /login, keeping next', async () => {
    const login = await t
      .http()
      .get('/login?next=%2Fconsent%2F01J00000000000000000000000')
      .expect(200);
    assert.match(
      login.text,
      /<a href="https:\/\/auth\.example\.test\/register\?next=%2Fconsent%2F01J00000000000000000000000">Create an account<\/a>/,
    );
  });

  it('should advertise prompt=create in discovery', async () => {
    const res = await t.http().get('/.well-known/openid-configuration').expect(200);
    assert.ok(
      (res.body as { prompt_values_supported: string[] }).prompt_values_supported.includes(
        'create',
      ),
    );
  });

  it('should answer the live checks: username availability and password strength', async () => {
    const taken = await t.http().get('/register/username-available?username=alice').expect(200);
    assert.deepEqual(taken.body, { available: false, reason: 'taken' });
    const free = await t.http().get('/register/username-available?username=freebie').expect(200);
    assert.deepEqual(free.body, { available: true });
    const browser = new FormBrowser(t);
    const form = await browser.get('/register/password');
    const strength = await browser.post('/register/password-strength', { password: STRONG }, form);
    assert.equal(strength.status, 200);
    assert.deepEqual(strength.body, { score: 4, minimum: 3 });
    const noCsrf = await browser.post('/register/password-strength', { password: STRONG });
    assert.equal(noCsrf.status, 403);
  });

  it('should send a signed-in browser on to next instead of the form', async () => {
    const browser = new FormBrowser(t);
    await browser.signIn('alice', 'alice pw');
    const res = await browser.get('/register/password?next=%2Faccount');
    assert.equal(res.status, 303);
    assert.equal(localPath(res, TEST_PUBLIC_BASE), '/account');
  });
});

describe('password registration with registration tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp([
      `
account:
  password_registration_enabled: true
  password_registration_email_required: false
  password_registration_token_required: true
passwords:
  minimum_complexity: 0
`,
      LIMITS,
    ]);
  });
  after(async () => {
    await t?.close();
  });

  const ds = () => t.running.app.get(DataSource);
  const issue = (over: { usageLimit?: number | null; expiresAt?: Date | null; token?: string }) =>
    t.running.app.get(RegistrationTokens).issue({ usageLimit: null, expiresAt: null, ...over });

  /** Submits the form without an address; the token page, its browser and its path. */
  async function atTokenStep(username: string) {
    const browser = new FormBrowser(t);
    const submitted = await submitForm(browser, {
      username,
      password: 'pw',
      password_confirm: 'pw',
    });
    assert.equal(submitted.status, 303, submitted.text);
    const page = await follow(browser, submitted);
    assert.match(page.text, /Enter your registration token/);
    const path = /action="https:\/\/auth\.example\.test([^"]+\/token)"/.exec(page.text)?.[1];
    assert.ok(path);
    return { browser, page, path };
  }

  async function finishAfterToken(browser: FormBrowser, path: string, tokenAnswer: Response) {
    const namePage = await follow(browser, tokenAnswer);
    const skipped = await browser.post(
      path.replace('/token', '/display-name'),
      { action: 'skip' },
      namePage,
    );
    return browser.get(localPath(skipped, TEST_PUBLIC_BASE));
  }

  const timesUsed = async (id: string) => {
    const rows = await ds().query<{ times_used: number }[]>(
      'SELECT times_used FROM user_registration_tokens WHERE user_registration_token_id = $1',
      [ulidToUuid(id)],
    );
    return rows[0].times_used;
  };

  it('should count a token only when the registration completes, and refuse it once used up', async () => {
    const issued = await issue({ usageLimit: 1, token: 'one-use' });
    const first = await atTokenStep('tokenuser');
    const entered = await first.browser.post(first.path, { token: 'one-use' }, first.page);
    assert.equal(entered.status, 303);
    assert.equal(await timesUsed(issued.id), 0, 'entering the token does not use it');
    const second = await atTokenStep('tokenuser2');
    assert.equal(
      (await second.browser.post(second.path, { token: 'one-use' }, second.page)).status,
      303,
    );
    const done = await finishAfterToken(first.browser, first.path, entered);
    assert.equal(done.status, 303);
    assert.equal(localPath(done, TEST_PUBLIC_BASE), '/');
    assert.equal(await timesUsed(issued.id), 1);
    // The second registration entered it while it had a use left; at its finish it is used up.
    const namePage = await second.browser.get(second.path.replace('/token', '/display-name'));
    assert.equal(namePage.status, 200);
    const skipped = await second.browser.post(
      second.path.replace('/token', '/display-name'),
      { action: 'skip' },
      namePage,
    );
    const late = await second.browser.get(localPath(skipped, TEST_PUBLIC_BASE));
    assert.equal(late.status, 409);
    assert.match(late.text, /used as many times as allowed/);
    assert.equal(await t.running.app.get(UserRepository).findByUsername('tokenuser2'), null);
    const again = await atTokenStep('tokenuser3');
    const refused = await again.browser.post(again.path, { token: 'one-use' }, again.page);
    assert.equal(refused.status, 400);
    assert.match(refused.text, /used as many times as allowed/);
  });

  it('should refuse a missing, unknown, expired or revoked token with a readable page', async () => {
    await issue({ token: 'expired-tok', expiresAt: new Date(Date.now() - 60_000) });
    const revoked = await issue({ token: 'revoked-tok' });
    await t.running.app.get(UserRegistrationTokenAdminRepository).revoke(revoked.id, new Date());
    const { browser, page, path } = await atTokenStep('tokenless');
    const cases: [string, RegExp][] = [
      ['', /Enter the registration token/],
      ['no-such-token', /This registration token is not valid/],
      ['expired-tok', /This registration token has expired/],
      ['revoked-tok', /This registration token has been revoked/],
    ];
    for (const [token, message] of cases) {
      const res = await browser.post(path, { token }, page);
      assert.equal(res.status, 400, token);
      assert.match(res.text, message);
    }
    const finish = await browser.get(path.replace('/token', '/finish'));
    assert.equal(localPath(finish, TEST_PUBLIC_BASE), path, 'no token: the finish sends back');
  });

  it('should need no email when password_registration_email_required is false', async () => {
    const form = await new FormBrowser(t).get('/register/password');
    assert.match(form.text, /Email address \(optional\)/);
    assert.doesNotMatch(form.text, /name="accept_terms"/);
  });
});

describe('password registration switched off', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await createTestApp();
    client = await addClient(t.running.app);
  });
  after(async () => {
    await t?.close();
  });

  it('should show a readable "not available" page at every registration path', async () => {
    for (const path of [
      '/register',
      '/register/password',
      '/register/steps/01J00000000000000000000000/finish',
    ]) {
      const res = await t.http().get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.text, /Registration is not available/);
    }
  });

  it('should neither advertise nor accept prompt=create, nor link to registration from /login', async () => {
    const meta = await t.http().get('/.well-known/openid-configuration').expect(200);
    assert.ok(
      !(meta.body as { prompt_values_supported: string[] }).prompt_values_supported.includes(
        'create',
      ),
    );
    const q = new URLSearchParams({
      client_id: client.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid',
      prompt: 'create',
    });
    const res = await t.http().get(`/authorize?${q.toString()}`);
    assert.equal(res.status, 303);
    const back = new URL(res.headers.location);
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    const login = await t.http().get('/login').expect(200);
    assert.doesNotMatch(login.text, /Create an account/);
  });
});

describe('password registration rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(`
account:
  password_registration_enabled: true
  password_registration_email_required: false
passwords:
  minimum_complexity: 0
rate_limiting:
  registration: { burst: 2, per_second: 0.000001 }
`);
  });
  after(async () => {
    await t?.close();
  });

  it('should answer 429 with Retry-After once a client used up rate_limiting.registration', async () => {
    const browser = new FormBrowser(t);
    for (let i = 0; i < 2; i++) {
      const res = await submitForm(browser, {
        username: `limited${i}`,
        password: 'pw',
        password_confirm: 'pw',
      });
      assert.equal(res.status, 303);
    }
    const refused = await submitForm(browser, {
      username: 'limited2',
      password: 'pw',
      password_confirm: 'pw',
    });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(refused.text, /Too many registrations from your network/);
  });
});
