import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { UserEmailRepository } from '../../src/storage/users/user-email.repository';
import { UserPasswordRepository } from '../../src/storage/users/user-password.repository';
import { UserRepository } from '../../src/storage/users/user.repository';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

describe('user repositories', () => {
  let db: TestDatabase;
  let users: UserRepository;
  let passwords: UserPasswordRepository;
  let emails: UserEmailRepository;
  const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s));

  before(async () => {
    db = await createTestDatabase();
    users = new UserRepository(db.dataSource);
    passwords = new UserPasswordRepository(db.dataSource);
    emails = new UserEmailRepository(db.dataSource);
  });

  after(async () => {
    await db?.drop();
  });

  it('should return null from add when the username is taken', async () => {
    assert.ok(await users.add({ id: ulid(), username: 'dup', createdAt: at(0) }));
    assert.equal(await users.add({ id: ulid(), username: 'dup', createdAt: at(1) }), null);
  });

  it('should prefer the exact case among usernames differing only by case', async () => {
    const upper = await users.add({ id: ulid(), username: 'Case.User', createdAt: at(0) });
    const lower = await users.add({ id: ulid(), username: 'case.user', createdAt: at(0) });
    assert.equal((await users.findByUsername('case.user'))?.id, lower?.id);
    assert.equal((await users.findByUsername('Case.User'))?.id, upper?.id);
    assert.equal(await users.findByUsername('CASE.USER'), null);
    const single = await users.add({ id: ulid(), username: 'single', createdAt: at(0) });
    assert.equal((await users.findByUsername('SINGLE'))?.id, single?.id);
    assert.equal(await users.findByUsername('nobody'), null);
  });

  it('should find every owner of an email address, case-insensitively', async () => {
    const a = await users.add({ id: ulid(), username: 'owner-a', createdAt: at(0) });
    const b = await users.add({ id: ulid(), username: 'owner-b', createdAt: at(0) });
    await emails.add({ id: ulid(), userId: a!.id, email: 'Shared@Example.com', createdAt: at(0) });
    await emails.add({ id: ulid(), userId: b!.id, email: 'shared@example.com', createdAt: at(0) });
    await emails.add({ id: ulid(), userId: a!.id, email: 'second@example.com', createdAt: at(1) });
    const owners = await users.findByEmail('SHARED@example.COM');
    assert.deepEqual(owners.map((u) => u.id).sort(), [a!.id, b!.id].sort());
    assert.deepEqual(await users.findByEmail('none@example.com'), []);
    assert.deepEqual(
      (await emails.listForUser(a!.id)).map((e) => e.email),
      ['Shared@Example.com', 'second@example.com'],
    );
  });

  it('should make the newest password row the active one', async () => {
    const u = await users.add({ id: ulid(), username: 'pw-owner', createdAt: at(0) });
    assert.equal(await passwords.findActiveForUser(u!.id), null);
    const first = await passwords.add({
      id: ulid(),
      userId: u!.id,
      hashedPassword: 'h1',
      version: 1,
      createdAt: at(1),
    });
    const second = await passwords.add({
      id: ulid(),
      userId: u!.id,
      hashedPassword: 'h2',
      version: 2,
      upgradedFromId: first.id,
      createdAt: at(2),
    });
    const active = await passwords.findActiveForUser(u!.id);
    assert.equal(active?.id, second.id);
    assert.equal(active?.upgradedFromId, first.id);
  });

  it('should set the admin flag, lock and unlock, and report unknown ids', async () => {
    const u = await users.add({ id: ulid(), username: 'flags', createdAt: at(0) });
    assert.equal(await users.setCanRequestAdmin(u!.id, true), true);
    assert.equal((await users.findById(u!.id))?.canRequestAdmin, true);
    assert.equal(await users.lock(u!.id, at(5)), true);
    assert.deepEqual((await users.findById(u!.id))?.lockedAt, at(5));
    assert.equal(await users.lock(u!.id, at(9)), true);
    assert.deepEqual((await users.findById(u!.id))?.lockedAt, at(5), 'first lock time kept');
    assert.equal(await users.unlock(u!.id), true);
    assert.equal((await users.findById(u!.id))?.lockedAt, null);
    const missing = ulid();
    assert.equal(await users.setCanRequestAdmin(missing, true), false);
    assert.equal(await users.lock(missing, at(0)), false);
    assert.equal(await users.unlock(missing), false);
    assert.equal(await users.findById(missing), null);
  });
});
