import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { generateConfig, loadConfigFiles } from '../../src/config';
import { createDataSource } from '../../src/database/data-source-factory';
import { databaseTargetFromConfig } from '../../src/database/target-from-config';
import { PolicyDataRepository } from '../../src/storage/policy/policy-data.repository';
import { runCli } from '../setup/run-cli';
import { databaseSectionForProcess } from '../setup/test-database-config';
import { writeTempFiles } from '../setup/test-config';

describe('mas-ts policy check', () => {
  let configFiles: string[];
  let drop: () => Promise<void>;
  const cli = (...args: string[]) => runCli([...configFiles.flatMap((f) => ['-c', f]), ...args]);

  before(async () => {
    const db = await databaseSectionForProcess();
    drop = () => db.drop();
    configFiles = writeTempFiles(
      generateConfig(),
      `${db.yaml}matrix:
  homeserver: example.test
policy:
  data:
    admin_users: [alice]
    registration:
      banned_usernames:
        literals: [root]
experimental:
  session_limit:
    soft_limit: 3
    hard_limit: 5
`,
    );
    assert.equal(cli('database', 'migrate').status, 0);
  });

  after(async () => {
    await drop?.();
  });

  async function addRow(data: Record<string, unknown>) {
    const { config } = await loadConfigFiles(configFiles);
    const owned = await createDataSource(databaseTargetFromConfig(config.database));
    try {
      await owned.dataSource.initialize();
      await new PolicyDataRepository(owned.dataSource).add({
        id: ulid(),
        createdAt: new Date(),
        data,
      });
    } finally {
      await owned.close();
    }
  }

  it('should print the static data with server_name and session_limit', () => {
    const r = cli('policy', 'check');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      server_name: 'example.test',
      session_limit: {
        soft_limit: 3,
        hard_limit: 5,
        max_session_threshold: null,
        dangerous_hard_limit_eviction: false,
      },
      admin_users: ['alice'],
      registration: { banned_usernames: { literals: ['root'] } },
    });
  });

  it('should merge the newest dynamic data: arrays concatenate, null overrides', async () => {
    await addRow({ admin_users: ['old'] });
    await addRow({
      admin_users: ['bob'],
      registration: { banned_usernames: { prefixes: ['bot-'] } },
      session_limit: null,
    });
    const r = cli('policy', 'check');
    assert.equal(r.status, 0, r.stderr);
    const data = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(data.admin_users, ['alice', 'bob']);
    assert.deepEqual(data.registration, {
      banned_usernames: { literals: ['root'], prefixes: ['bot-'] },
    });
    assert.equal(data.session_limit, null);
  });

  it('should fail with a readable message when the newest dynamic data is invalid', async () => {
    await addRow({ admin_users: 'bob', requester: { banned_ips: ['not-an-ip'] } });
    const r = cli('policy', 'check');
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /the dynamic policy data [0-9A-Z]{26} is invalid/);
    assert.match(r.stderr, /admin_users: cannot merge a string into an array/);

    await addRow({ requester: { banned_ips: ['not-an-ip'] } });
    const r2 = cli('policy', 'check');
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /requester\.banned_ips: must be a list of IP addresses or CIDR ranges/);
  });
});
