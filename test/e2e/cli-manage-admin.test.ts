import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { loadConfigFiles, type MasConfig } from '../../src/config';
import { Encrypter, hashToken } from '../../src/core';
import { createDataSource } from '../../src/database/data-source-factory';
import { databaseTargetFromConfig } from '../../src/database/target-from-config';
import { JOBS_SCHEMA } from '../../src/jobs/jobs-engine';
import { UserEmailEntity } from '../../src/storage/users/user-email.entity';
import { UserRegistrationTokenEntity } from '../../src/storage/users/user-registration-token.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { SERVER_NAME } from '../integration/users-fixtures';
import { jobRows } from '../setup/job-rows';
import { startCliEnvironment, type CliEnvironment } from '../setup/cli-environment';

/**
 * The `manage` commands for administrators that MAS has (crates/cli/src/commands/manage.rs),
 * run as real processes against a migrated database and a fake env.homeserver.
 */
describe('mas-ts manage: emails, admins, registration tokens, provisioning, locking', () => {
  let env: CliEnvironment;
  let config: MasConfig;
  const cli = (...args: string[]) => env.cli(...args);

  /** Opens the database between two commands (the embedded one serves a single process). */
  async function inDatabase<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
    const owned = await createDataSource(databaseTargetFromConfig(config.database));
    try {
      await owned.dataSource.initialize();
      return await work(owned.dataSource);
    } finally {
      await owned.close();
    }
  }

  const user = (username: string) =>
    inDatabase((ds) => ds.getRepository(UserEntity).findOneByOrFail({ username }));

  before(async () => {
    env = await startCliEnvironment();
    config = (await loadConfigFiles(env.configFiles)).config;
    assert.equal((await cli('database', 'migrate')).status, 0);
    for (const name of ['alice', 'bob']) {
      const r = await cli('manage', 'register-user', name, '-y');
      assert.equal(r.status, 0, r.stderr);
    }
  });

  after(async () => {
    await env?.close();
  });

  describe('add-email | verify-email', () => {
    it('should add a verified address once, in any letter case', async () => {
      const first = await cli('manage', 'add-email', 'alice', 'Alice@Example.org');
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout, 'added Alice@Example.org to alice\n');
      const again = await cli('manage', 'add-email', `@alice:${SERVER_NAME}`, 'alice@example.org');
      assert.equal(again.status, 0, again.stderr);
      assert.equal(again.stdout, 'alice already has alice@example.org\n');
      const { id } = await user('alice');
      const emails = await inDatabase((ds) =>
        ds.getRepository(UserEmailEntity).findBy({ userId: id }),
      );
      assert.deepEqual(
        emails.map((e) => e.email),
        ['Alice@Example.org'],
      );
    });

    it("should warn when the address is someone else's too", async () => {
      const r = await cli('manage', 'add-email', 'bob', 'alice@example.org');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'added alice@example.org to bob\n');
      assert.match(r.stderr, /^warning: alice@example\.org also belongs to alice; /);
    });

    it('should refuse an invalid address and an unknown user with one error line', async () => {
      const bad = await cli('manage', 'add-email', 'alice', 'not an address');
      assert.equal(bad.status, 1);
      assert.equal(bad.stderr, 'error: "not an address" is not a valid email address\n');
      const nobody = await cli('manage', 'add-email', 'nobody', 'n@example.org');
      assert.equal(nobody.status, 1);
      assert.equal(nobody.stderr, 'error: no user nobody\n');
    });

    it('should accept the deprecated verify-email and change nothing', async () => {
      const r = await cli('manage', 'verify-email', 'alice', 'alice@example.org');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /^warning: verify-email is deprecated and does nothing/);
    });
  });

  describe('promote-admin | demote-admin | list-admin-users', () => {
    it('should list nobody, then a promoted user, then nobody after the demotion', async () => {
      const none = await cli('manage', 'list-admin-users');
      assert.equal(none.status, 0, none.stderr);
      assert.equal(none.stdout, '');
      assert.equal(none.stderr, '0 user(s) can request admin privileges\n');

      const promote = await cli('manage', 'promote-admin', 'bob');
      assert.equal(promote.status, 0, promote.stderr);
      assert.equal(promote.stdout, 'bob can now request admin privileges\n');
      assert.equal((await user('bob')).canRequestAdmin, true);
      const one = await cli('manage', 'list-admin-users');
      assert.equal(one.stdout, `bob\t${(await user('bob')).id}\n`);
      assert.equal(one.stderr, '1 user(s) can request admin privileges\n');

      const demote = await cli('manage', 'demote-admin', 'bob');
      assert.equal(demote.stdout, 'bob can no longer request admin privileges\n');
      assert.equal((await user('bob')).canRequestAdmin, false);
      assert.equal((await cli('manage', 'list-admin-users')).stdout, '');
      assert.equal((await cli('manage', 'promote-admin', 'nobody')).status, 1);
    });
  });

  describe('issue-user-registration-token', () => {
    const stored = (token: string) =>
      inDatabase((ds) =>
        ds
          .getRepository(UserRegistrationTokenEntity)
          .findOneByOrFail({ tokenSha256: hashToken(token) }),
      );

    it('should print a single-use, non-expiring token stored only hashed and encrypted', async () => {
      const r = await cli('manage', 'issue-user-registration-token');
      assert.equal(r.status, 0, r.stderr);
      const token = r.stdout.trim();
      assert.match(token, /^[A-Za-z0-9]{12}$/);
      assert.match(
        r.stderr,
        /^registration token [0-9A-Z]{26} created \(1 use\(s\), no expiry\)$/m,
      );
      const row = await stored(token);
      assert.equal(row.usageLimit, 1);
      assert.equal(row.timesUsed, 0);
      assert.equal(row.expiresAt, null);
      assert.ok(!row.encryptedToken.includes(token), 'not stored in clear');
      assert.equal(
        new Encrypter(config.secrets.encryptionKey()).decryptString(row.encryptedToken),
        token,
      );
    });

    it('should take a chosen token, a usage limit and an expiry, or unlimited uses', async () => {
      const before = Date.now();
      const r = await cli(
        'manage',
        'issue-user-registration-token',
        '--token',
        'spring-2026',
        '--usage-limit',
        '5',
        '--expires-in',
        '3600',
      );
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'spring-2026\n');
      const row = await stored('spring-2026');
      assert.equal(row.usageLimit, 5);
      const expiresIn = (row.expiresAt?.getTime() ?? 0) - before;
      assert.ok(expiresIn > 3_590_000 && expiresIn < 3_700_000, `expires in ${expiresIn} ms`);

      const unlimited = await cli('manage', 'issue-user-registration-token', '--unlimited');
      assert.equal(unlimited.status, 0, unlimited.stderr);
      assert.equal((await stored(unlimited.stdout.trim())).usageLimit, null);
    });

    it('should refuse a duplicate, a bad token and contradictory or bad limits', async () => {
      const dup = await cli('manage', 'issue-user-registration-token', '--token', 'spring-2026');
      assert.equal(dup.status, 1);
      assert.equal(dup.stderr, 'error: a registration token with this value already exists\n');
      const spaced = await cli('manage', 'issue-user-registration-token', '--token', 'a b');
      assert.equal(spaced.status, 1);
      assert.equal(
        spaced.stderr,
        'error: the token must not contain spaces or control characters\n',
      );
      const both = await cli(
        'manage',
        'issue-user-registration-token',
        '--unlimited',
        '--usage-limit',
        '2',
      );
      assert.equal(both.status, 1);
      assert.equal(both.stderr, 'error: --usage-limit and --unlimited cannot be used together\n');
      for (const bad of ['0', '-1', 'many', '1.5']) {
        const r = await cli('manage', 'issue-user-registration-token', '--usage-limit', bad);
        assert.equal(r.status, 1, `--usage-limit ${bad}`);
        assert.match(r.stderr, /--usage-limit/);
      }
    });
  });

  describe('provision-all-users', () => {
    it('should queue a provisioning job for every user, reporting progress', async () => {
      // As if the worker had run every job queued so far.
      await inDatabase((ds) =>
        ds.query(`DELETE FROM ${JOBS_SCHEMA}.job WHERE name = 'provision-user'`),
      );
      const r = await cli('manage', 'provision-all-users');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'queued provisioning of 2 user(s)\n');
      assert.equal(r.stderr, 'queued 2 of 2 users\n');
      const ids = [(await user('alice')).id, (await user('bob')).id].sort();
      const queued = await inDatabase((ds) => jobRows(ds, 'provision-user'));
      assert.deepEqual(queued.map((j) => j.data.userId).sort(), ids);
      assert.ok(queued.every((j) => j.state === 'created'));
    });
  });

  describe('lock-user | unlock-user', () => {
    it('should lock at once and queue the change for the homeserver, then unlock', async () => {
      await inDatabase((ds) =>
        ds.query(`DELETE FROM ${JOBS_SCHEMA}.job WHERE name = 'provision-user'`),
      );
      const lock = await cli('manage', 'lock-user', 'bob');
      assert.equal(lock.status, 0, lock.stderr);
      assert.equal(lock.stdout, 'locked bob\n');
      const bob = await user('bob');
      assert.notEqual(bob.lockedAt, null);
      const queued = await inDatabase((ds) => jobRows(ds, 'provision-user'));
      assert.deepEqual(
        queued.map((j) => j.data.userId),
        [bob.id],
      );

      const unlock = await cli('manage', 'unlock-user', 'bob');
      assert.equal(unlock.status, 0, unlock.stderr);
      assert.equal(unlock.stdout, 'unlocked bob\n');
      assert.equal(unlock.stderr, '');
      assert.equal((await user('bob')).lockedAt, null);
    });

    it('should queue a deactivation with --deactivate, and a reactivation with --reactivate', async () => {
      const deactivate = await cli('manage', 'lock-user', 'alice', '--deactivate');
      assert.equal(deactivate.status, 0, deactivate.stderr);
      assert.equal(deactivate.stdout, 'locked alice; deactivation queued\n');
      const alice = await user('alice');
      assert.notEqual(alice.lockedAt, null);
      const deactivations = await inDatabase((ds) => jobRows(ds, 'deactivate-user'));
      assert.deepEqual(
        deactivations.map((j) => j.data),
        [{ userId: alice.id, hsErase: false }],
      );

      const reactivate = await cli('manage', 'unlock-user', 'alice', '--reactivate');
      assert.equal(reactivate.status, 0, reactivate.stderr);
      assert.equal(reactivate.stdout, 'reactivation of alice queued\n');
      const reactivations = await inDatabase((ds) => jobRows(ds, 'reactivate-user'));
      assert.deepEqual(
        reactivations.map((j) => j.data),
        [{ userId: alice.id }],
      );
    });

    it('should refuse an unknown user', async () => {
      for (const command of ['lock-user', 'unlock-user']) {
        const r = await cli('manage', command, 'nobody');
        assert.equal(r.status, 1, command);
        assert.equal(r.stderr, 'error: no user nobody\n');
      }
    });
  });
});
