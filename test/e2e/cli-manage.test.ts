import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfigFiles } from '../../src/config';
import { createDataSource } from '../../src/database/data-source-factory';
import { databaseTargetFromConfig } from '../../src/database/target-from-config';
import { UserEmailRepository } from '../../src/storage/users/user-email.repository';
import { accountsOn } from '../integration/users-fixtures';
import { startCliEnvironment, type CliEnvironment } from '../setup/cli-environment';

describe('mas-ts manage register-user | set-password', () => {
  let env: CliEnvironment;
  const cli = (...args: string[]) => env.cli(...args);

  before(async () => {
    env = await startCliEnvironment();
  });

  after(async () => {
    await env?.close();
  });

  it('should refuse to work on an unmigrated database', async () => {
    const r = await cli('manage', 'register-user', 'early', '-y');
    assert.equal(r.status, 1, r.stdout);
    assert.match(
      r.stderr,
      /^error: the database schema is not up to date; run `mas-ts database migrate` first$/m,
    );
    const migrate = await cli('database', 'migrate');
    assert.equal(migrate.status, 0, migrate.stderr);
  });

  it('should register a user, set its password, and let it log in with the new one', async () => {
    const reg = await cli(
      'manage',
      'register-user',
      'alice',
      '-p',
      'first long passphrase 1',
      '-e',
      'alice@example.com',
      '-a',
      '-d',
      'Alice A.',
      '-y',
    );
    assert.equal(reg.status, 0, reg.stderr);
    assert.match(
      reg.stdout,
      /^registered user alice \(a password, 1 email address, admin, display name "Alice A\."\) with id [0-9A-Z]{26}; its provisioning on the homeserver is queued$/m,
    );
    assert.deepEqual(
      env.homeserver.requestsTo('/_synapse/mas/is_localpart_available').map((r) => r.query),
      [{ localpart: 'alice' }],
      'the homeserver was asked first',
    );

    const set = await cli('manage', 'set-password', 'alice', 'second long passphrase 2');
    assert.equal(set.status, 0, set.stderr);
    assert.equal(set.stdout, 'password set for alice\n');

    const { config } = await loadConfigFiles(env.configFiles);
    const owned = await createDataSource(databaseTargetFromConfig(config.database));
    try {
      await owned.dataSource.initialize();
      const accounts = accountsOn(owned.dataSource);
      assert.deepEqual(
        await accounts.authenticate('alice', 'first long passphrase 1', '192.0.2.1'),
        {
          ok: false,
          reason: 'invalid_credentials',
        },
      );
      const login = await accounts.authenticate('alice', 'second long passphrase 2', '192.0.2.1');
      assert.ok(login.ok);
      assert.equal(login.user.canRequestAdmin, true);
      const emails = await new UserEmailRepository(owned.dataSource).listForUser(login.user.id);
      assert.deepEqual(
        emails.map((e) => e.email),
        ['alice@example.com'],
      );
    } finally {
      await owned.close();
    }
  });

  it('should require -y when not on a terminal, registering nothing', async () => {
    const r = await cli('manage', 'register-user', 'bob', '-p', 'pw');
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /^error: refusing to register a user without confirmation: .*pass -y\/--yes/m,
    );
    const later = await cli('manage', 'register-user', 'bob', '-A', '-y');
    assert.equal(later.status, 0, later.stderr);
    assert.match(later.stdout, /registered user bob \(no password, 0 email addresses, not admin\)/);
  });

  it('should refuse a taken username, an invalid one and an unknown user with one error line', async () => {
    const dup = await cli('manage', 'register-user', 'alice', '-y');
    assert.equal(dup.status, 1);
    assert.equal(dup.stderr, 'error: the username "alice" is already taken\n');
    const bad = await cli('manage', 'register-user', 'Carol', '-y');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^error: invalid username "Carol": the username must be lowercase\n$/);
    const unknown = await cli('manage', 'set-password', 'nobody', 'pw');
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr, 'error: no user named "nobody"\n');
    const anonymous = await cli('manage', 'register-user', '-y');
    assert.equal(anonymous.status, 1);
    assert.equal(anonymous.stderr, 'error: a username is required with -y/--yes\n');
  });

  it('should refuse a guessable password unless told to ignore its complexity', async () => {
    const weak = await cli('manage', 'set-password', 'alice', 'password1');
    assert.equal(weak.status, 1);
    assert.equal(
      weak.stderr,
      'error: the password is too weak (zxcvbn score 0, at least 3 is required)\n',
    );
    const forced = await cli('manage', 'set-password', 'alice', 'password1', '--ignore-complexity');
    assert.equal(forced.status, 0, forced.stderr);
    const reg = await cli('manage', 'register-user', 'paula', '-p', 'password1', '-y');
    assert.equal(reg.status, 1);
    assert.match(reg.stderr, /^error: the password is too weak/);
    const regForced = await cli(
      'manage',
      'register-user',
      'paula',
      '-p',
      'password1',
      '--ignore-password-complexity',
      '-y',
    );
    assert.equal(regForced.status, 0, regForced.stderr);
  });

  it('should refuse a username the homeserver reports taken, registering nothing', async () => {
    env.homeserver.on('GET', '/_synapse/mas/is_localpart_available', {
      status: 400,
      body: { errcode: 'M_USER_IN_USE', error: 'User ID already taken.' },
    });
    const r = await cli('manage', 'register-user', 'dave', '-y');
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      'error: the username "dave" is not available on the homeserver (user_in_use)\n',
    );
    env.homeserver.always({ status: 503, body: { errcode: 'M_UNKNOWN', error: 'down' } });
    const down = await cli('manage', 'register-user', 'dave', '-y');
    assert.equal(down.status, 1);
    assert.match(down.stderr, /^error: could not ask the homeserver about "dave": /);
  });
});
