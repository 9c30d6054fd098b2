import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateConfig } from '../../src/config';
import { SERVER_NAME } from '../integration/users-fixtures';
import { runCli } from '../setup/run-cli';
import { databaseSectionForProcess } from '../setup/test-database-config';
import { writeTempFiles } from '../setup/test-config';

describe('mas-ts manage issue-compatibility-token | kill-sessions', () => {
  let configFiles: string[];
  let drop: () => Promise<void>;
  const cli = (...args: string[]) => runCli([...configFiles.flatMap((f) => ['-c', f]), ...args]);

  before(async () => {
    const db = await databaseSectionForProcess();
    drop = () => db.drop();
    // Read-only homeserver: the CLI runs synchronously here, so no in-process fake could answer.
    configFiles = writeTempFiles(
      generateConfig(),
      `${db.yaml}matrix:\n  homeserver: ${SERVER_NAME}\n  kind: synapse_read_only\n`,
    );
    assert.equal(cli('database', 'migrate').status, 0);
    assert.equal(
      cli('manage', 'register-user', 'carol', '-p', 'a long passphrase', '-y').status,
      0,
    );
  });

  after(async () => {
    await drop?.();
  });

  it('should print a compatibility token for a user, with the given device', () => {
    const r = cli('manage', 'issue-compatibility-token', 'carol', 'CLIDEVICE01');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout.trim(), /^mct_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$/);
    assert.match(r.stderr, /device CLIDEVICE01/);
    const admin = cli(
      'manage',
      'issue-compatibility-token',
      `@carol:${SERVER_NAME}`,
      '--yes-i-want-to-grant-synapse-admin-privileges',
    );
    assert.equal(admin.status, 0, admin.stderr);
    assert.match(admin.stderr, /with Synapse admin privileges/);
  });

  it('should refuse an unknown user with one error line', () => {
    const r = cli('manage', 'issue-compatibility-token', 'nobody');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^error: no user nobody$/m);
    assert.equal(cli('manage', 'kill-sessions', 'nobody').status, 1);
  });

  it('should count with --dry-run, then end every session', () => {
    const dry = cli('manage', 'kill-sessions', 'carol', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /would end 0 OAuth 2\.0 session\(s\), 2 compatibility session\(s\)/);
    const real = cli('manage', 'kill-sessions', 'carol');
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /ended 0 OAuth 2\.0 session\(s\), 2 compatibility session\(s\)/);
    const again = cli('manage', 'kill-sessions', 'carol', '--dry-run');
    assert.match(again.stdout, /would end 0 OAuth 2\.0 session\(s\), 0 compatibility/);
  });
});
