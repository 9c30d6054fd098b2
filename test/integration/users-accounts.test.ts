import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PasswordsDisabled } from '../../src/passwords/password-errors';
import { UserPasswordEntity } from '../../src/storage/users/user-password.entity';
import { UserRepository } from '../../src/storage/users/user.repository';
import {
  InvalidEmail,
  InvalidUsername,
  UsernameTaken,
  UserNotFound,
} from '../../src/users/user-errors';
import { RateLimiterConfig } from '../../src/config';
import { FakeClock } from '../fakes/fake-clock';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { accountsOn } from './users-fixtures';

/** The client address of every attempt; the fixture's limits are too generous to matter. */
const CLIENT_IP = '192.0.2.1';

describe('UserAccounts on a real database', () => {
  let db: TestDatabase;
  let n = 0;
  const fresh = (prefix = 'user') => `${prefix}${++n}`;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db?.drop();
  });

  const passwordRows = (userId: string) =>
    db.dataSource
      .getRepository(UserPasswordEntity)
      .find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });

  it('should register a user with a password, emails and the admin flag', async () => {
    const accounts = accountsOn(db.dataSource);
    const username = fresh('alice');
    const user = await accounts.register({
      username,
      password: 'correct horse',
      emails: ['Alice@Example.com'],
      admin: true,
    });
    assert.equal(user.username, username);
    assert.equal(user.canRequestAdmin, true);
    assert.equal(user.lockedAt, null);
    assert.deepEqual(await accounts.findById(user.id), user);
    assert.deepEqual(await accounts.findByUsername(username), user);
    const rows = await passwordRows(user.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].version, 1);
    assert.match(rows[0].hashedPassword, /^\$argon2id\$/);
  });

  it('should register from a full user ID of this homeserver only', async () => {
    const accounts = accountsOn(db.dataSource);
    const localpart = fresh('mxid');
    const user = await accounts.register({ username: `@${localpart}:example.test` });
    assert.equal(user.username, localpart);
    await assert.rejects(
      accounts.register({ username: `@${fresh()}:other.test` }),
      (e) => e instanceof InvalidUsername && /not a user ID of this homeserver/.test(e.message),
    );
  });

  it('should refuse a taken username, also in another letter case, and keep nothing', async () => {
    const accounts = accountsOn(db.dataSource);
    const username = fresh('taken');
    await accounts.register({ username, password: 'one' });
    await assert.rejects(
      accounts.register({ username, password: 'two', emails: ['x@example.com'] }),
      (e) =>
        e instanceof UsernameTaken && e.message === `the username "${username}" is already taken`,
    );
    await new UserRepository(db.dataSource).add({
      id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      username: 'Legacy.Upper',
      createdAt: new Date(),
    });
    await assert.rejects(accounts.register({ username: 'legacy.upper' }), UsernameTaken);
  });

  it('should refuse invalid usernames and emails with a clear message', async () => {
    const accounts = accountsOn(db.dataSource);
    await assert.rejects(accounts.register({ username: 'Bob' }), /must be lowercase/);
    await assert.rejects(accounts.register({ username: '1234' }), /non-digit/);
    await assert.rejects(accounts.register({ username: 'b b' }), InvalidUsername);
    await assert.rejects(
      accounts.register({ username: fresh(), emails: ['not-an-email'] }),
      (e) =>
        e instanceof InvalidEmail && /"not-an-email" is not a valid email address/.test(e.message),
    );
  });

  it('should authenticate by username, case-insensitively, and by user ID', async () => {
    const accounts = accountsOn(db.dataSource);
    const username = fresh('login');
    const user = await accounts.register({ username, password: 'pw-login' });
    for (const identifier of [username, username.toUpperCase(), `@${username}:example.test`]) {
      const result = await accounts.authenticate(identifier, 'pw-login', CLIENT_IP);
      assert.ok(result.ok, identifier);
      assert.equal(result.user.id, user.id);
      assert.equal(result.passwordId, (await passwordRows(user.id))[0].id);
    }
    const otherServer = await accounts.authenticate(
      `@${username}:other.test`,
      'pw-login',
      CLIENT_IP,
    );
    assert.deepEqual(otherServer, { ok: false, reason: 'invalid_credentials' });
  });

  it('should refuse a wrong password, an unknown user and a user without password alike', async () => {
    const accounts = accountsOn(db.dataSource);
    const username = fresh('wrong');
    await accounts.register({ username, password: 'right' });
    const noPassword = fresh('nopw');
    await accounts.register({ username: noPassword });
    const refused = { ok: false, reason: 'invalid_credentials' };
    assert.deepEqual(await accounts.authenticate(username, 'wrong', CLIENT_IP), refused);
    assert.deepEqual(await accounts.authenticate(fresh('ghost'), 'right', CLIENT_IP), refused);
    assert.deepEqual(await accounts.authenticate(noPassword, '', CLIENT_IP), refused);
  });

  it('should authenticate by email only when login_with_email_allowed and the owner is unique', async () => {
    const username = fresh('mail');
    const email = `${username}@example.com`;
    await accountsOn(db.dataSource).register({ username, password: 'pw-mail', emails: [email] });
    const withoutEmail = accountsOn(db.dataSource);
    assert.equal((await withoutEmail.authenticate(email, 'pw-mail', CLIENT_IP)).ok, false);
    const withEmail = accountsOn(db.dataSource, { loginWithEmail: true });
    const result = await withEmail.authenticate(email.toUpperCase(), 'pw-mail', CLIENT_IP);
    assert.ok(result.ok);
    assert.equal(result.user.username, username);

    const shared = `shared-${username}@example.com`;
    await withEmail.register({ username: fresh('share'), password: 'pw-share', emails: [shared] });
    await withEmail.register({ username: fresh('share'), password: 'pw-share', emails: [shared] });
    assert.equal((await withEmail.authenticate(shared, 'pw-share', CLIENT_IP)).ok, false);
  });

  it('should disclose locked and deactivated only after a correct password', async () => {
    const clock = new FakeClock();
    const accounts = accountsOn(db.dataSource, { clock });
    const users = new UserRepository(db.dataSource);
    const locked = await accounts.register({ username: fresh('locked'), password: 'pw' });
    const gone = await accounts.register({ username: fresh('gone'), password: 'pw' });
    assert.equal(await users.lock(locked.id, clock.now()), true);
    assert.equal(await users.deactivate(gone.id, clock.now()), true);
    assert.deepEqual(await accounts.authenticate(locked.username, 'pw', CLIENT_IP), {
      ok: false,
      reason: 'locked',
    });
    assert.deepEqual(await accounts.authenticate(gone.username, 'pw', CLIENT_IP), {
      ok: false,
      reason: 'deactivated',
    });
    assert.deepEqual(await accounts.authenticate(locked.username, 'nope', CLIENT_IP), {
      ok: false,
      reason: 'invalid_credentials',
    });
    assert.deepEqual(await accounts.authenticate(gone.username, 'nope', CLIENT_IP), {
      ok: false,
      reason: 'invalid_credentials',
    });
    assert.equal(await users.unlock(locked.id), true);
    assert.equal((await accounts.authenticate(locked.username, 'pw', CLIENT_IP)).ok, true);
  });

  it('should upgrade a v1 bcrypt hash to the v2 argon2id scheme on login, once', async () => {
    const clock = new FakeClock();
    const v1 = accountsOn(db.dataSource, {
      clock,
      schemes: [{ version: 1, algorithm: 'bcrypt', cost: 4 }],
    });
    const user = await v1.register({ username: fresh('upgrade'), password: 'pw-up' });
    const [original] = await passwordRows(user.id);
    assert.match(original.hashedPassword, /^\$2b\$04\$/);

    clock.advance(1000);
    const v2 = accountsOn(db.dataSource, {
      clock,
      schemes: [
        { version: 1, algorithm: 'bcrypt', cost: 4 },
        { version: 2, algorithm: 'argon2id' },
      ],
    });
    assert.equal((await v2.authenticate(user.username, 'wrong', CLIENT_IP)).ok, false);
    assert.equal((await passwordRows(user.id)).length, 1, 'no upgrade on a wrong password');

    const result = await v2.authenticate(user.username, 'pw-up', CLIENT_IP);
    assert.ok(result.ok);
    const rows = await passwordRows(user.id);
    assert.equal(rows.length, 2);
    const upgraded = rows[1];
    assert.equal(upgraded.version, 2);
    assert.match(upgraded.hashedPassword, /^\$argon2id\$/);
    assert.equal(upgraded.upgradedFromId, original.id);
    assert.equal(result.passwordId, upgraded.id);

    clock.advance(1000);
    const again = await v2.authenticate(user.username, 'pw-up', CLIENT_IP);
    assert.ok(again.ok);
    assert.equal(again.passwordId, upgraded.id);
    assert.equal((await passwordRows(user.id)).length, 2);
  });

  it('should set a new password that replaces the old one', async () => {
    const clock = new FakeClock();
    const accounts = accountsOn(db.dataSource, { clock });
    const username = fresh('setpw');
    await accounts.register({ username, password: 'old' });
    clock.advance(1000);
    await accounts.setPassword(username, 'new');
    assert.equal((await accounts.authenticate(username, 'old', CLIENT_IP)).ok, false);
    assert.equal((await accounts.authenticate(username, 'new', CLIENT_IP)).ok, true);
    await assert.rejects(accounts.setPassword(fresh('nobody'), 'x'), UserNotFound);
  });

  it('should refuse password login and password changes when passwords are disabled', async () => {
    const username = fresh('off');
    await accountsOn(db.dataSource).register({ username, password: 'pw' });
    const off = accountsOn(db.dataSource, { passwordsEnabled: false });
    assert.deepEqual(await off.authenticate(username, 'pw', CLIENT_IP), {
      ok: false,
      reason: 'password_login_disabled',
    });
    await assert.rejects(off.setPassword(username, 'pw2'), PasswordsDisabled);
    await assert.rejects(
      off.register({ username: fresh('off'), password: 'pw' }),
      PasswordsDisabled,
    );
    assert.equal((await off.register({ username: fresh('off') })).canRequestAdmin, false);
  });

  it('should ask rate_limiting.login before the password, alike for known and unknown names', async () => {
    const strict = {
      per_ip: RateLimiterConfig.of(1_000, 1),
      per_account: RateLimiterConfig.of(2, 0.001),
    };
    const accounts = accountsOn(db.dataSource, { loginLimits: strict });
    const known = fresh('known');
    await accounts.register({ username: known, password: 'pw-known' });
    const unknown = fresh('unknown');
    const answers = async (name: string, password: string) => {
      const reasons: string[] = [];
      for (const spelling of [name, name.toUpperCase(), `@${name}:example.test`]) {
        const result = await accounts.authenticate(spelling, password, CLIENT_IP);
        reasons.push(result.ok ? 'ok' : result.reason);
      }
      return reasons;
    };
    const expected = ['invalid_credentials', 'invalid_credentials', 'rate_limited'];
    assert.deepEqual(await answers(known, 'wrong'), expected);
    assert.deepEqual(await answers(unknown, 'wrong'), expected);
    const right = await accounts.authenticate(known, 'pw-known', '198.51.100.7');
    assert.ok(!right.ok && right.reason === 'rate_limited' && right.retryAfterMs > 0);
  });
});
