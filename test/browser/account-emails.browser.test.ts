import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { signIn, submitForm } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { smtpSinkConfig, startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

describeWithChromium('browser: adding and removing an email address on /account/emails', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  let sink: SmtpSink;
  let fake: RecordingHomeserver;
  before(async () => {
    browser = await launchTestBrowser();
    sink = await startSmtpSink();
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    app = await createBrowserTestApp({
      extraConfig: `${smtpSinkConfig(sink.port)}
matrix:
  homeserver: example.test
  endpoint: "${fake.endpoint}"
`,
    });
    await app.running.app
      .get(UserAccounts)
      .register({ username: 'alice', password: 'alice password 1', emails: ['alice@mail.test'] });
  });
  after(async () => {
    await app?.close();
    await sink?.close();
    await fake?.close();
    await browser?.close();
  });

  it('should add an address with the mailed code, then remove the old one', async () => {
    const page = await browser.newPage();
    await signIn(page, app, 'alice', 'alice password 1');
    await page.goto(app.url('/account'));
    await page.getByRole('link', { name: 'Email addresses' }).click();
    await page.waitForURL(app.url('/account/emails'));
    const list = page.locator('main ul.email-list');
    assert.deepEqual(await list.locator('li > span').allInnerTexts(), ['alice@mail.test']);

    await page.getByLabel('Email address').fill('alice@new.test');
    const codePage = await submitForm(page, page.getByRole('button', { name: 'Send a code' }));
    assert.equal(codePage.status(), 200);
    assert.match(page.url(), /\/account\/emails\/[0-9A-Z]{26}\/verify$/);
    const [mail] = await sink.waitForMailsTo('alice@new.test');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    assert.ok(code, 'the mail carries the code');

    // A wrong code first: the page says so and keeps the person on the code form.
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('6-digit code').fill(wrong);
    const refused = await submitForm(page, page.getByRole('button', { name: 'Confirm' }));
    assert.equal(refused.status(), 400);
    assert.match(await page.locator('main [role=alert]').innerText(), /code/i);

    await page.getByLabel('6-digit code').fill(code);
    const added = await submitForm(page, page.getByRole('button', { name: 'Confirm' }));
    assert.equal(added.status(), 200);
    await page.waitForURL(app.url('/account/emails'));
    assert.deepEqual((await list.locator('li > span').allInnerTexts()).sort(), [
      'alice@mail.test',
      'alice@new.test',
    ]);

    const removed = await submitForm(
      page,
      page.getByRole('button', { name: 'Remove alice@mail.test' }),
    );
    assert.equal(removed.status(), 200);
    assert.deepEqual(await list.locator('li > span').allInnerTexts(), ['alice@new.test']);
  });
});
