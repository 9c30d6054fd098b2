import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { UserRepository } from '../../src/storage/users/user.repository';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { csrfOf, sessionCookie } from '../factories/browser';
import { FormBrowser } from '../factories/form-browser';
import { jobRows, queueIdle } from '../setup/job-rows';
import {
  closedSmtpPort,
  recoveryLinkOf,
  smtpSinkConfig,
  startSmtpSink,
  type ReceivedMail,
  type SmtpSink,
} from '../setup/smtp-sink';
import { createTestApp, type TestApp } from '../setup/test-app';
import { TEST_PUBLIC_BASE } from '../setup/test-config';
import { waitFor } from '../setup/wait-for';

/** Recovery's mechanics are tested with short passwords; the strength check has its own test. */
const ENABLED = `
account:
  password_recovery_enabled: true
passwords:
  minimum_complexity: 0
`;

/** Limits no test of the main suite reaches; the rate-limit suite sets strict ones. */
const GENEROUS_RECOVERY_LIMITS = `
rate_limiting:
  account_recovery:
    per_ip:
      burst: 100000
      per_second: 1000
    per_address:
      burst: 100000
      per_second: 1000
`;

const QUEUE = 'send-account-recovery-email';

/** The path and query of a recovery link, for supertest. */
const pathOf = (link: URL) => `${link.pathname}${link.search}`;

/** Opens /recover and submits `email`; the answer. */
async function requestRecovery(
  browser: FormBrowser,
  email: string,
): Promise<{ form: Response; answer: Response }> {
  const form = await browser.get('/recover');
  assert.equal(form.status, 200);
  const answer = await browser.post('/recover', { email }, form);
  return { form, answer };
}

/** Waits until the recovery mail job has settled every job (bounded). */
async function mailJobsSettled(t: TestApp): Promise<void> {
  await waitFor('the recovery mail jobs to settle', () => queueIdle(t.db.dataSource, QUEUE));
}

/** Opens a mailed link and submits the new password (twice); the answer. */
async function setPassword(
  browser: FormBrowser,
  link: URL,
  password: string,
  opts: { confirm?: string; endSessions?: boolean } = {},
): Promise<Response> {
  const form = await browser.get(pathOf(link));
  assert.equal(form.status, 200, 'the link opens the new-password form');
  const fields: Record<string, string> = {
    ticket: link.searchParams.get('ticket') ?? '',
    password,
    password_confirm: opts.confirm ?? password,
  };
  if (opts.endSessions) fields.end_sessions = '1';
  return browser.post('/account/password/recovery', fields, form);
}

async function loginStatus(t: TestApp, username: string, password: string): Promise<number> {
  const browser = new FormBrowser(t);
  const form = await browser.get('/login');
  return (await browser.post('/login', { username, password }, form)).status;
}

describe('password recovery by email (real SMTP listener)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
    t = await createTestApp([ENABLED, GENEROUS_RECOVERY_LIMITS, smtpSinkConfig(sink.port)]);
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({
      username: 'alice',
      password: 'old pass',
      emails: ['alice@mail.test'],
    });
    await accounts.register({
      username: 'carol',
      password: 'carol pw',
      emails: ['Shared@Mail.test'],
    });
    await accounts.register({
      username: 'dave',
      password: 'dave pw',
      emails: ['shared@mail.test'],
    });
    await accounts.register({ username: 'erin', password: 'erin pw', emails: ['erin@mail.test'] });
    await accounts.register({
      username: 'frank',
      password: 'frank pw',
      emails: ['frank@mail.test'],
    });
    await accounts.register({ username: 'gina', password: 'gina pw', emails: ['gina@mail.test'] });
    const locked = await accounts.register({
      username: 'lockedlee',
      password: 'locked pw',
      emails: ['locked@mail.test'],
    });
    await t.running.app.get(UserRepository).lock(locked.id, new Date());
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('should link to /recover from the login page', async () => {
    const login = await t.http().get('/login').expect(200);
    assert.match(
      login.text,
      /<a href="https:\/\/auth\.example\.test\/recover">Forgot your password\?<\/a>/,
    );
  });

  it('should mail a single-use link that sets a new password; the old one stops working', async () => {
    const browser = new FormBrowser(t);
    const { answer } = await requestRecovery(browser, 'alice@mail.test');
    assert.equal(answer.status, 200);
    assert.match(answer.text, /Check your inbox/);
    assert.match(answer.text, /alice@mail\.test/);

    const [mail] = await sink.waitForMailsTo('alice@mail.test');
    assert.equal(mail.subject, 'Reset your password on auth.example.test');
    assert.equal(mail.from, '"Example Auth" <auth@example.test>');
    assert.equal(mail.replyTo, '"Example Support" <support@example.test>');
    assert.match(mail.text, /Hello @alice:example\.test,/);
    assert.match(mail.text, /valid for 10 minutes/);
    const link = recoveryLinkOf(mail);
    assert.equal(`${link.origin}/`, TEST_PUBLIC_BASE);
    const ticket = link.searchParams.get('ticket') ?? '';
    assert.match(ticket, /^[A-Za-z0-9]{32}$/);
    assert.ok(mail.html.includes(link.href.replace(/&/g, '&amp;')), 'the HTML part has the link');

    // Stored hashed only; the job row names the recovery session, not the address or ticket.
    const rows: { hash: Buffer }[] = await t.db.dataSource.query(
      'SELECT ticket_sha256 AS hash FROM user_recovery_tickets',
    );
    const digest = createHash('sha256').update(ticket).digest();
    assert.ok(rows.some((r) => Buffer.from(r.hash).equals(digest)));
    for (const job of await jobRows(t.db.dataSource, QUEUE)) {
      assert.deepEqual(Object.keys(job.data), ['recoverySessionId']);
    }

    const form = await browser.get(pathOf(link));
    assert.equal(form.status, 200);
    assert.match(form.text, /Choose a new password for @alice:example\.test/);
    assert.match(form.text, /autocomplete="new-password"/);
    const done = await setPassword(browser, link, 'brand new pass');
    assert.equal(done.status, 200);
    assert.match(done.text, /Your password has been changed/);
    assert.equal(await loginStatus(t, 'alice', 'brand new pass'), 303);
    assert.equal(await loginStatus(t, 'alice', 'old pass'), 400);

    const reused = await browser.get(pathOf(link));
    assert.equal(reused.status, 410);
    assert.match(reused.text, /already used/);
    assert.match(reused.text, /href="https:\/\/auth\.example\.test\/recover"/);
    const replayed = await browser.post(
      '/account/password/recovery',
      { ticket, password: 'third pass', password_confirm: 'third pass' },
      form,
    );
    assert.equal(replayed.status, 410);
    assert.equal(await loginStatus(t, 'alice', 'third pass'), 400);
  });

  it('should give an unknown address the same answer and send no mail', async () => {
    const before = sink.mails.length;
    const known = await requestRecovery(new FormBrowser(t), 'erin@mail.test');
    const unknown = await requestRecovery(new FormBrowser(t), 'nobody@mail.test');
    const locked = await requestRecovery(new FormBrowser(t), 'locked@mail.test');
    const normalise = (html: string) =>
      html.replace(/(erin|nobody|locked)@mail\.test/g, 'X').replace(/value="[^"]+"/g, '');
    assert.equal(unknown.answer.status, known.answer.status);
    assert.equal(normalise(unknown.answer.text), normalise(known.answer.text));
    assert.equal(normalise(locked.answer.text), normalise(known.answer.text));
    await sink.waitForMailsTo('erin@mail.test');
    await mailJobsSettled(t);
    assert.equal(sink.mailsTo('nobody@mail.test').length, 0);
    assert.equal(sink.mailsTo('locked@mail.test').length, 0, 'a locked account gets no link');
    assert.equal(sink.mails.length, before + 1);
  });

  it('should mail every account owning the address, and a used session spends all its links', async () => {
    await requestRecovery(new FormBrowser(t), 'SHARED@mail.test');
    const mails = await sink.waitForMailsTo('shared@mail.test', 2);
    const mxids = mails.map((m: ReceivedMail) => /Hello (@\w+:example\.test)/.exec(m.text)?.[1]);
    assert.deepEqual(mxids.sort(), ['@carol:example.test', '@dave:example.test']);
    const [carolLink, daveLink] = [
      mails.find((m) => m.text.includes('@carol:'))!,
      mails.find((m) => m.text.includes('@dave:'))!,
    ].map(recoveryLinkOf);
    const browser = new FormBrowser(t);
    assert.equal((await setPassword(browser, carolLink, 'carol new')).status, 200);
    assert.equal(await loginStatus(t, 'carol', 'carol new'), 303);
    const other = await browser.get(pathOf(daveLink));
    assert.equal(other.status, 410);
    assert.equal(await loginStatus(t, 'dave', 'dave pw'), 303);
  });

  it('should refuse a link more than 10 minutes old', async () => {
    const before = sink.mailsTo('erin@mail.test').length;
    await requestRecovery(new FormBrowser(t), 'erin@mail.test');
    const mails = await sink.waitForMailsTo('erin@mail.test', before + 1);
    const link = recoveryLinkOf(mails[mails.length - 1]);
    const browser = new FormBrowser(t);
    const form = await browser.get(pathOf(link));
    assert.equal(form.status, 200);
    const digest = createHash('sha256').update(link.searchParams.get('ticket')!).digest();
    await t.db.dataSource.query(
      `UPDATE user_recovery_tickets
          SET created_at = created_at - interval '10 minutes',
              expires_at = expires_at - interval '10 minutes'
        WHERE ticket_sha256 = $1`,
      [digest],
    );
    const expired = await browser.get(pathOf(link));
    assert.equal(expired.status, 410);
    assert.match(expired.text, /expired/);
    const posted = await browser.post(
      '/account/password/recovery',
      {
        ticket: link.searchParams.get('ticket')!,
        password: 'late pw',
        password_confirm: 'late pw',
      },
      form,
    );
    assert.equal(posted.status, 410);
    assert.equal(await loginStatus(t, 'erin', 'erin pw'), 303);
  });

  it('should refuse unknown or malformed tickets with a readable page', async () => {
    for (const query of [
      '?ticket=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '',
      '?ticket=',
      '?ticket=a&ticket=b',
    ]) {
      const res = await t.http().get(`/account/password/recovery${query}`);
      assert.equal(res.status, 404, query);
      assert.match(res.headers['content-type'], /text\/html/);
      assert.match(res.text, /Link not valid/);
    }
  });

  it('should ask again when the two passwords differ, keeping the link usable', async () => {
    await requestRecovery(new FormBrowser(t), 'frank@mail.test');
    const [mail] = await sink.waitForMailsTo('frank@mail.test');
    const link = recoveryLinkOf(mail);
    const browser = new FormBrowser(t);
    const mismatch = await setPassword(browser, link, 'one pw', { confirm: 'other pw' });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.text, /The two passwords are not the same/);
    const empty = await setPassword(browser, link, '');
    assert.equal(empty.status, 400);
    assert.match(empty.text, /Enter a new password/);
    assert.equal((await setPassword(browser, link, 'frank new')).status, 200);
  });

  it('should refuse forms without their CSRF token and change nothing', async () => {
    const browser = new FormBrowser(t);
    const before = (
      await t.db.dataSource.query('SELECT count(*)::int AS n FROM user_recovery_sessions')
    )[0].n as number;
    await browser.get('/recover');
    const start = await browser.post('/recover', { email: 'gina@mail.test' });
    assert.equal(start.status, 403);
    assert.match(start.text, /This form has expired/);
    const after = (
      await t.db.dataSource.query('SELECT count(*)::int AS n FROM user_recovery_sessions')
    )[0].n as number;
    assert.equal(after, before);

    await requestRecovery(new FormBrowser(t), 'gina@mail.test');
    const [mail] = await sink.waitForMailsTo('gina@mail.test');
    const link = recoveryLinkOf(mail);
    await browser.get(pathOf(link));
    const forged = await browser.post('/account/password/recovery', {
      ticket: link.searchParams.get('ticket')!,
      password: 'forged pw',
      password_confirm: 'forged pw',
    });
    assert.equal(forged.status, 403);
    assert.equal(await loginStatus(t, 'gina', 'gina pw'), 303);
    assert.equal((await browser.get(pathOf(link))).status, 200, 'the link still works');
  });

  it('should let exactly one of two racing submissions of one link set the password', async () => {
    await requestRecovery(new FormBrowser(t), 'gina@mail.test');
    const mails = await sink.waitForMailsTo('gina@mail.test', 2);
    const link = recoveryLinkOf(mails[1]);
    const [a, b] = [new FormBrowser(t), new FormBrowser(t)];
    const [formA, formB] = [await a.get(pathOf(link)), await b.get(pathOf(link))];
    const ticket = link.searchParams.get('ticket')!;
    const answers = await Promise.all([
      a.post(
        '/account/password/recovery',
        { ticket, password: 'race a', password_confirm: 'race a' },
        formA,
      ),
      b.post(
        '/account/password/recovery',
        { ticket, password: 'race b', password_confirm: 'race b' },
        formB,
      ),
    ]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 410]);
    const winner = answers[0].status === 200 ? 'race a' : 'race b';
    const loser = winner === 'race a' ? 'race b' : 'race a';
    assert.equal(await loginStatus(t, 'gina', winner), 303);
    assert.equal(await loginStatus(t, 'gina', loser), 400);
  });

  it('should end every session of the account when asked, and none otherwise', async () => {
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'hank', password: 'hank pw', emails: ['hank@mail.test'] });
    const signedIn = new FormBrowser(t);
    await signedIn.signIn('hank', 'hank pw');
    assert.match((await signedIn.get('/')).text, /signed in as hank/);

    await requestRecovery(new FormBrowser(t), 'hank@mail.test');
    const [first] = await sink.waitForMailsTo('hank@mail.test');
    assert.equal(
      (await setPassword(new FormBrowser(t), recoveryLinkOf(first), 'hank two')).status,
      200,
    );
    assert.match((await signedIn.get('/')).text, /signed in as hank/, 'sessions kept by default');

    await requestRecovery(new FormBrowser(t), 'hank@mail.test');
    const mails = await sink.waitForMailsTo('hank@mail.test', 2);
    const done = await setPassword(new FormBrowser(t), recoveryLinkOf(mails[1]), 'hank three', {
      endSessions: true,
    });
    assert.equal(done.status, 200);
    assert.match(done.text, /signed out of every device and app/);
    assert.match((await signedIn.get('/')).text, /You are not signed in/);
  });

  it('should send the mail in the language of the request', async () => {
    const accounts = t.running.app.get(UserAccounts);
    await accounts.register({ username: 'ines', password: 'ines pw', emails: ['ines@mail.test'] });
    const form = await t.http().get('/recover').set('Accept-Language', 'fr').expect(200);
    assert.match(form.text, /<html lang="fr">/);
    const answer = await t
      .http()
      .post('/recover')
      .set('Accept-Language', 'fr')
      .set('Cookie', sessionCookie(form) ?? '')
      .type('form')
      .send({ csrf: csrfOf(form.text), email: 'ines@mail.test' });
    assert.equal(answer.status, 200);
    assert.match(answer.text, /Consultez votre boîte de réception/);
    const [mail] = await sink.waitForMailsTo('ines@mail.test');
    assert.equal(mail.subject, 'Réinitialisez votre mot de passe sur auth.example.test');
    assert.match(mail.text, /Bonjour @ines:example\.test,/);
    assert.match(mail.html, /<html lang="fr">/);
  });

  it('should ask for a valid address', async () => {
    const { answer } = await requestRecovery(new FormBrowser(t), 'not an address');
    assert.equal(answer.status, 400);
    assert.match(answer.text, /Enter a valid email address/);
  });
});

describe('password recovery: rate limits (rate_limiting.account_recovery)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp([
      ENABLED,
      `
rate_limiting:
  account_recovery:
    per_ip:
      burst: 3
      per_second: 0.0008
    per_address:
      burst: 1
      per_second: 0.0002
`,
    ]);
  });
  after(async () => {
    await t?.close();
  });

  async function ask(email: string, ip: string): Promise<Response> {
    const form = await t.http().get('/recover').expect(200);
    return t
      .http()
      .post('/recover')
      .set('X-Forwarded-For', ip)
      .set('Cookie', sessionCookie(form) ?? '')
      .type('form')
      .send({ csrf: csrfOf(form.text), email });
  }

  it('should refuse a second request for one address, from any client, with 429', async () => {
    assert.equal((await ask('limit@mail.test', '203.0.113.1')).status, 200);
    const refused = await ask('LIMIT@mail.test', '203.0.113.2');
    assert.equal(refused.status, 429);
    assert.match(refused.headers['retry-after'], /^\d+$/);
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.match(refused.text, /Too many recovery requests/);
    assert.match(refused.text, /role="alert"/);
  });

  it('should refuse a client after its burst, whatever the address', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    for (const n of [1, 2, 3, 4]) statuses.push((await ask(`client${n}@mail.test`, ip)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal((await ask('client5@mail.test', '203.0.113.51')).status, 200);
  });
});

describe('password recovery: disabled (the default)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it('should say that recovery is not enabled on every route, and not link to it', async () => {
    const login = await t.http().get('/login').expect(200);
    assert.doesNotMatch(login.text, /recover/);
    const form = await t.http().get('/recover');
    const link = await t.http().get('/account/password/recovery?ticket=abc');
    const posted = await t
      .http()
      .post('/recover')
      .set('Cookie', sessionCookie(login) ?? '')
      .type('form')
      .send({ csrf: csrfOf(login.text), email: 'a@mail.test' });
    for (const res of [form, link, posted]) {
      assert.equal(res.status, 404);
      assert.match(res.headers['content-type'], /text\/html/);
      assert.match(res.text, /Password reset is not enabled/);
    }
    const rows = await t.db.dataSource.query('SELECT 1 FROM user_recovery_sessions');
    assert.equal(rows.length, 0);
  });
});

describe('password recovery: mail server down', () => {
  let t: TestApp;
  let port: number;
  let sink: SmtpSink | undefined;
  before(async () => {
    port = await closedSmtpPort();
    t = await createTestApp([ENABLED, smtpSinkConfig(port)]);
    await t.running.app
      .get(UserAccounts)
      .register({ username: 'olga', password: 'olga pw', emails: ['olga@mail.test'] });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('should answer the web request as usual and retry the mail until the server is back', async () => {
    const { answer } = await requestRecovery(new FormBrowser(t), 'olga@mail.test');
    assert.equal(answer.status, 200);
    assert.match(answer.text, /Check your inbox/);
    const retrying = await waitFor('a failed attempt of the recovery mail job', async () => {
      const [job] = await jobRows(t.db.dataSource, QUEUE);
      return job && job.retryCount >= 1 && job.state !== 'completed' ? job : null;
    });
    assert.ok(retrying.retryLimit > retrying.retryCount);

    sink = await startSmtpSink(port);
    const [mail] = await sink.waitForMailsTo('olga@mail.test');
    await mailJobsSettled(t);
    const [job] = await jobRows(t.db.dataSource, QUEUE);
    assert.equal(job.state, 'completed');
    assert.deepEqual(job.output, { sent: 1 });
    const tickets = await t.db.dataSource.query('SELECT 1 FROM user_recovery_tickets');
    assert.equal(tickets.length, 1, 'the attempts that failed left no ticket');
    assert.equal(
      (await setPassword(new FormBrowser(t), recoveryLinkOf(mail), 'olga new')).status,
      200,
    );
    assert.equal(await loginStatus(t, 'olga', 'olga new'), 303);
  });
});

describe('password recovery: the new password must be strong enough (passwords.minimum_complexity)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
    t = await createTestApp([
      'account:\n  password_recovery_enabled: true\n',
      GENEROUS_RECOVERY_LIMITS,
      smtpSinkConfig(sink.port),
    ]);
    await t.running.app
      .get(UserAccounts)
      .register({ username: 'paul', password: 'old pass', emails: ['paul@mail.test'] });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('should refuse a guessable password on the form, keep the link usable, and take a strong one', async () => {
    await requestRecovery(new FormBrowser(t), 'paul@mail.test');
    const [mail] = await sink.waitForMailsTo('paul@mail.test');
    const link = recoveryLinkOf(mail);
    const browser = new FormBrowser(t);
    const weak = await setPassword(browser, link, 'password1');
    assert.equal(weak.status, 400);
    assert.match(weak.text, /too easy to guess/);
    assert.equal(await loginStatus(t, 'paul', 'password1'), 400);
    const strong = await setPassword(browser, link, 'paul remembers it now 7');
    assert.equal(strong.status, 200, strong.text);
    assert.equal(await loginStatus(t, 'paul', 'paul remembers it now 7'), 303);
  });
});
