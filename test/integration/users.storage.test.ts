import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ulid } from 'ulid';
import { ulidToUuid } from '../../src/storage/ulid-column';
import { UserEmailEntity } from '../../src/storage/users/user-email.entity';
import { UserRecoverySessionEntity } from '../../src/storage/users/user-recovery-session.entity';
import { UserRecoveryTicketEntity } from '../../src/storage/users/user-recovery-ticket.entity';
import { UserTermsEntity } from '../../src/storage/users/user-terms.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addUser, randomTokenHash } from './storage-fixtures';

describe('users storage', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db?.drop();
  });

  it('should store a ULID as the uuid with the same bits and read it back as the ULID', async () => {
    const id = ulid();
    await db.dataSource
      .getRepository(UserEntity)
      .insert({ id, username: `u-${id}`, createdAt: new Date() });

    const [raw] = await db.dataSource.query<{ uuid: string }[]>(
      `SELECT user_id::text AS uuid FROM users WHERE username = $1`,
      [`u-${id}`],
    );
    assert.equal(raw.uuid, ulidToUuid(id));

    const found = await db.dataSource.getRepository(UserEntity).findOneByOrFail({ id });
    assert.equal(found.id, id);
    assert.equal(found.canRequestAdmin, false);
    assert.equal(found.isGuest, false);
  });

  it('should reject a second user with the same username', async () => {
    await addUser(db.dataSource, 'duplicate');
    await assert.rejects(addUser(db.dataSource, 'duplicate'), /users_username_unique/);
  });

  it('should find a username case-insensitively through the lower(username) index', async () => {
    const user = await addUser(db.dataSource, 'Alice.Example');
    const found = await db.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username: 'ALICE.EXAMPLE' })
      .getOneOrFail();
    assert.equal(found.id, user.id);

    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const plan = (await runner.query(
        `EXPLAIN SELECT user_id FROM users WHERE lower(username) = lower('ALICE.EXAMPLE')`,
      )) as { 'QUERY PLAN': string }[];
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      assert.match(text, /users_lower_username_idx/);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });

  it("should delete a user's emails, terms and recovery tickets with the user", async () => {
    const user = await addUser(db.dataSource);
    const email = await db.dataSource.getRepository(UserEmailEntity).save({
      id: ulid(),
      userId: user.id,
      email: 'alice@example.com',
      createdAt: new Date(),
    });
    await db.dataSource.getRepository(UserTermsEntity).save({
      id: ulid(),
      userId: user.id,
      termsUrl: 'https://example.com/tos',
      createdAt: new Date(),
    });
    const recovery = await db.dataSource.getRepository(UserRecoverySessionEntity).save({
      id: ulid(),
      email: email.email,
      userAgent: 'test',
      ipAddress: '192.0.2.1',
      locale: 'en',
      createdAt: new Date(),
    });
    await db.dataSource.getRepository(UserRecoveryTicketEntity).save({
      id: ulid(),
      userRecoverySessionId: recovery.id,
      userEmailId: email.id,
      ticketSha256: randomTokenHash(),
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 600_000),
    });

    await db.dataSource.getRepository(UserEntity).delete({ id: user.id });

    assert.equal(
      await db.dataSource.getRepository(UserEmailEntity).countBy({ userId: user.id }),
      0,
    );
    assert.equal(
      await db.dataSource.getRepository(UserTermsEntity).countBy({ userId: user.id }),
      0,
    );
    assert.equal(
      await db.dataSource
        .getRepository(UserRecoveryTicketEntity)
        .countBy({ userEmailId: email.id }),
      0,
    );
    const session = await db.dataSource
      .getRepository(UserRecoverySessionEntity)
      .findOneByOrFail({ id: recovery.id });
    assert.equal(session.ipAddress, '192.0.2.1');
  });

  it('should reject a recovery ticket hash that is not 32 bytes', async () => {
    const user = await addUser(db.dataSource);
    const email = await db.dataSource.getRepository(UserEmailEntity).save({
      id: ulid(),
      userId: user.id,
      email: 'bob@example.com',
      createdAt: new Date(),
    });
    const recovery = await db.dataSource.getRepository(UserRecoverySessionEntity).save({
      id: ulid(),
      email: email.email,
      userAgent: 'test',
      ipAddress: null,
      locale: 'en',
      createdAt: new Date(),
    });
    await assert.rejects(
      db.dataSource.getRepository(UserRecoveryTicketEntity).insert({
        id: ulid(),
        userRecoverySessionId: recovery.id,
        userEmailId: email.id,
        ticketSha256: Buffer.from('clear-text-ticket'),
        createdAt: new Date(),
        expiresAt: new Date(),
      }),
      /user_recovery_tickets_ticket_sha256_check/,
    );
  });
});
