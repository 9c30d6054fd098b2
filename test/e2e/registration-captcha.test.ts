import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { FormBrowser } from '../factories/form-browser';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import {
  pointCaptchaAt,
  SITEVERIFY_SECRET,
  startSiteverifyServer,
  type SiteverifyServer,
} from '../setup/captcha-siteverify';
import { createTestApp, type TestApp } from '../setup/test-app';

const STRONG = 'Tq9#vL2!mZ8@pW-horse';

describe('password registration behind a CAPTCHA (captcha.service)', () => {
  let t: TestApp;
  let fake: RecordingHomeserver;
  let siteverify: SiteverifyServer;
  before(async () => {
    siteverify = await startSiteverifyServer();
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    fake.on('GET', '/_synapse/mas/is_localpart_available', () => ({ status: 200, body: {} }));
    t = await createTestApp(
      [
        'account:',
        '  password_registration_enabled: true',
        '  password_registration_email_required: false',
        'captcha:',
        '  service: hcaptcha',
        '  site_key: site-key-1234',
        `  secret_key: ${SITEVERIFY_SECRET}`,
        'matrix:',
        '  homeserver: example.test',
        `  endpoint: "${fake.endpoint}"`,
        '  secret: "s3cret"',
      ].join('\n'),
    );
    pointCaptchaAt(t.running.app, siteverify.server.origin);
  });
  after(async () => {
    await t?.close();
    await fake?.close();
    await siteverify?.server.close();
  });

  async function register(username: string, captcha?: string) {
    const browser = new FormBrowser(t);
    const form = await browser.get('/register/password');
    assert.equal(form.status, 200);
    const fields: Record<string, string> = {
      username,
      email: '',
      password: STRONG,
      password_confirm: STRONG,
    };
    if (captcha !== undefined) fields['h-captcha-response'] = captcha;
    return { form, res: await browser.post('/register/password', fields, form) };
  }

  async function registrations(username: string): Promise<number> {
    const rows: { n: string }[] = await t.running.app
      .get(DataSource)
      .query('SELECT count(*) AS n FROM user_registrations WHERE username = $1', [username]);
    return Number(rows[0].n);
  }

  it('should draw the hCaptcha widget with the site key on the form', async () => {
    const { form } = await register('widget', 'ok');
    assert.match(form.text, /<div class="h-captcha" data-sitekey="site-key-1234"/);
    assert.match(form.text, /<script src="https:\/\/js\.hcaptcha\.com\/1\/api\.js[?"]/);
  });

  it('should refuse a form without a CAPTCHA answer, and one the service rejects, storing nothing', async () => {
    const before = siteverify.received.length;
    for (const [username, answer] of [
      ['nocaptcha', undefined],
      ['rejected', 'no'],
    ] as const) {
      const { res } = await register(username, answer);
      assert.equal(res.status, 400, username);
      assert.match(res.text, /Please complete the CAPTCHA to show you are not a robot\./);
      assert.match(res.text, new RegExp(`value="${username}"`), 'the username is kept');
      assert.equal(await registrations(username), 0);
    }
    // The missing answer never reached the service; the rejected one did, with the secret.
    const calls = siteverify.received.slice(before);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].form.get('response'), 'no');
    assert.equal(calls[0].form.get('secret'), SITEVERIFY_SECRET);
  });

  it('should fail closed with its own message when the service does not answer in time', async () => {
    const { res } = await register('stalled', 'stall');
    assert.equal(res.status, 400);
    assert.match(res.text, /The CAPTCHA could not be checked right now/);
    assert.equal(await registrations('stalled'), 0);
  });

  it('should start the registration when the service accepts the answer', async () => {
    const { res } = await register('human', 'ok');
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /\/register\/steps\/[0-9A-Z]{26}\//);
    assert.equal(await registrations('human'), 1);
  });
});
