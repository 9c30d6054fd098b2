import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RecordingHomeserver } from '../fakes/recording-homeserver';
import { createTestApp, type TestApp } from '../setup/test-app';

describe('registration live checks: GET /register/username-available', () => {
  let t: TestApp;
  let fake: RecordingHomeserver;
  before(async () => {
    fake = await RecordingHomeserver.start({ serverName: 'example.test' });
    fake.on('GET', '/_synapse/mas/is_localpart_available', (req) =>
      req.query.localpart === 'taken'
        ? { status: 400, body: { errcode: 'M_USER_IN_USE', error: 'User ID already taken.' } }
        : { status: 200, body: {} },
    );
    t = await createTestApp(
      [
        'account:',
        '  password_registration_enabled: true',
        'matrix:',
        '  homeserver: example.test',
        `  endpoint: "${fake.endpoint}"`,
        '  secret: "s3cret"',
      ].join('\n'),
    );
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  const ask = (username: string, ip = '198.51.100.7') =>
    t
      .http()
      .get(`/register/username-available?username=${encodeURIComponent(username)}`)
      .set('X-Forwarded-For', ip);

  it('should answer whether the homeserver would take the username, never cached', async () => {
    const free = await ask('freshname').expect(200);
    assert.deepEqual(free.body, { available: true });
    assert.equal(free.headers['cache-control'], 'no-store');
    const taken = await ask('taken').expect(200);
    assert.equal(taken.body.available, false);
  });

  it('should stop a client after 30 quick lookups with 429 and Retry-After, without asking the homeserver', async () => {
    // A fresh address per test run of this case: the limiter is per client address.
    const ip = '203.0.113.9';
    for (let i = 0; i < 30; i++) await ask(`name${i}`, ip).expect(200);
    const calls = fake.requests.length;
    const limited = await ask('one-too-many', ip).expect(429);
    assert.deepEqual(limited.body, { error: 'rate_limited' });
    assert.match(limited.headers['retry-after'], /^[1-9]\d*$/);
    assert.equal(fake.requests.length, calls, 'the refused lookup never reached the homeserver');
  });
});
