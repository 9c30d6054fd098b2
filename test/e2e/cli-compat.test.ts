import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SERVER_NAME } from '../integration/users-fixtures';
import { startCliEnvironment, type CliEnvironment } from '../setup/cli-environment';

describe('mas-ts manage issue-compatibility-token | kill-sessions', () => {
  let env: CliEnvironment;
  const cli = (...args: string[]) => env.cli(...args);

  before(async () => {
    env = await startCliEnvironment();
    assert.equal((await cli('database', 'migrate')).status, 0);
    const carol = await cli('manage', 'register-user', 'carol', '-p', 'a long passphrase', '-y');
    assert.equal(carol.status, 0, carol.stderr);
  });

  after(async () => {
    await env?.close();
  });

  it('should print a compatibility token for a user, with the given device, created on the homeserver', async () => {
    const r = await cli('manage', 'issue-compatibility-token', 'carol', 'CLIDEVICE01');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout.trim(), /^mct_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$/);
    assert.match(r.stderr, /device CLIDEVICE01/);
    assert.ok(
      env.homeserver
        .requestsTo('/_synapse/mas/upsert_device')
        .some((req) => (req.body as { device_id?: string }).device_id === 'CLIDEVICE01'),
      'the device exists on the homeserver before the token is printed',
    );
    const admin = await cli(
      'manage',
      'issue-compatibility-token',
      `@carol:${SERVER_NAME}`,
      '--yes-i-want-to-grant-synapse-admin-privileges',
    );
    assert.equal(admin.status, 0, admin.stderr);
    assert.match(admin.stderr, /with Synapse admin privileges/);
  });

  it('should refuse an unknown user with one error line', async () => {
    const r = await cli('manage', 'issue-compatibility-token', 'nobody');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^error: no user nobody$/m);
    assert.equal((await cli('manage', 'kill-sessions', 'nobody')).status, 1);
  });

  it('should count with --dry-run, then end every session', async () => {
    const dry = await cli('manage', 'kill-sessions', 'carol', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /would end 0 OAuth 2\.0 session\(s\), 2 compatibility session\(s\)/);
    const real = await cli('manage', 'kill-sessions', 'carol');
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /ended 0 OAuth 2\.0 session\(s\), 2 compatibility session\(s\)/);
    const again = await cli('manage', 'kill-sessions', 'carol', '--dry-run');
    assert.match(again.stdout, /would end 0 OAuth 2\.0 session\(s\), 0 compatibility/);
  });
});
