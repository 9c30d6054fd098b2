import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { plainToInstance } from 'class-transformer';
import { ulid } from 'ulid';
import { ConfigError, ExperimentalConfig, MatrixConfig, PolicyConfig } from '../../src/config';
import {
  POLICY_DATA_TTL_MS,
  PolicyDataSource,
  PolicyEngine,
  SessionCounter,
} from '../../src/policy';
import { OAuth2SessionEntity } from '../../src/storage/oauth2/oauth2-session.entity';
import { PolicyDataRepository } from '../../src/storage/policy/policy-data.repository';
import { ActiveUserSessionsRepository } from '../../src/storage/sessions/active-user-sessions.repository';
import { TokenRows } from '../factories/token-rows.factory';
import { FakeClock } from '../fakes/fake-clock';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addClient, addOAuth2Session } from './storage-fixtures';

const opts = { exposeDefaultValues: true };
const policy = (data: object) => plainToInstance(PolicyConfig, { data }, opts);
const matrix = plainToInstance(MatrixConfig, { homeserver: 'example.test' }, opts);
const experimental = plainToInstance(ExperimentalConfig, {}, opts);

describe('PolicyDataSource (dynamic policy data, MAS set_dynamic_data)', () => {
  let db: TestDatabase;
  let rows: PolicyDataRepository;
  let clock: FakeClock;
  before(async () => {
    db = await createTestDatabase();
    rows = new PolicyDataRepository(db.dataSource);
    clock = new FakeClock();
  });
  after(async () => {
    await db.drop();
  });

  const add = (data: Record<string, unknown>) =>
    rows.add({ id: ulid(), createdAt: clock.now(), data });

  it('should refuse invalid static data at boot', () => {
    assert.throws(
      () =>
        new PolicyDataSource(
          policy({ registration: { banned_usernames: { regexes: ['('] } } }),
          matrix,
          experimental,
          rows,
          clock,
        ),
      (e: unknown) =>
        e instanceof ConfigError &&
        /policy\.data\.registration\.banned_usernames\.regexes\[0\]/.test(e.message),
    );
  });

  it('should pick up a new row after the TTL, and ignore an invalid one keeping the last good', async () => {
    const source = new PolicyDataSource(
      policy({ admin_users: ['alice'] }),
      matrix,
      experimental,
      rows,
      clock,
    );
    const engine = new PolicyEngine(source, experimental);
    await source.onModuleInit();
    assert.deepEqual((await engine.effectiveData()).admin_users, ['alice']);

    await add({ admin_users: ['bob'], banned_domains: ['spam.com'] });
    assert.deepEqual((await source.current()).admin_users, ['alice'], 'cached within the TTL');
    clock.advance(POLICY_DATA_TTL_MS);
    assert.deepEqual((await source.current()).admin_users, ['alice', 'bob']);
    const email = await engine.evaluateEmail({ email: 'x@spam.com', requester: {} });
    assert.deepEqual(
      email.violations.map((v) => v.code),
      ['email-domain-banned'],
    );

    await add({ banned_domains: 'spam.com' });
    clock.advance(POLICY_DATA_TTL_MS);
    const kept = await source.current();
    assert.deepEqual(kept.admin_users, ['alice', 'bob'], 'the last good data stays in force');
    assert.deepEqual(kept.banned_domains, ['spam.com']);

    await add({ admin_users: ['carol'] });
    assert.deepEqual(
      (await source.reload()).admin_users,
      ['alice', 'carol'],
      'reload skips the TTL',
    );
  });

  it('should share one read between concurrent callers', async () => {
    let reads = 0;
    const counting = Object.create(rows) as PolicyDataRepository;
    counting.findNewestId = (tx) => {
      reads += 1;
      return rows.findNewestId(tx);
    };
    const source = new PolicyDataSource(policy({}), matrix, experimental, counting, clock);
    await Promise.all([source.current(), source.current(), source.current()]);
    assert.equal(reads, 1);
  });
});

describe('SessionCounter (MAS count_user_sessions_for_limiting)', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('should count active OAuth 2.0, compat and self-owned personal sessions only', async () => {
    const tokens = new TokenRows(db.dataSource);
    const user = await tokens.user();
    const client = await addClient(db.dataSource);
    await addOAuth2Session(db.dataSource, client.id, user.id);
    const finished = await addOAuth2Session(db.dataSource, client.id, user.id);
    await db.dataSource
      .getRepository(OAuth2SessionEntity)
      .update({ id: finished.id }, { finishedAt: new Date() });
    await tokens.compat({ user });
    await tokens.compat({ user, deviceId: 'OTHERDEVICE' });
    await tokens.personal({ owner: { userId: user.id }, actor: user });
    await tokens.personal({ owner: { clientId: client.id }, actor: user });
    const counter = new SessionCounter(new ActiveUserSessionsRepository(db.dataSource));
    assert.deepEqual(await counter.countForLimiting(user.id), {
      total: 4,
      oauth2: 1,
      compat: 2,
      personal: 1,
    });
    const stranger = await tokens.user();
    assert.deepEqual(await counter.countForLimiting(stranger.id), {
      total: 0,
      oauth2: 0,
      compat: 0,
      personal: 0,
    });
  });
});
