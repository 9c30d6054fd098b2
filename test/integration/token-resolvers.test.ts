import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ulid } from 'ulid';
import {
  CompatTokenResolver,
  PersonalTokenResolver,
  RefreshTokenResolver,
} from '../../src/access-tokens';
import { CryptoRng, generateToken, hashToken, SystemClock, TokenType } from '../../src/core';
import { CompatAccessTokenEntity } from '../../src/storage/compat/compat-access-token.entity';
import { CompatAccessTokenRepository } from '../../src/storage/compat/compat-access-token.repository';
import { CompatRefreshTokenEntity } from '../../src/storage/compat/compat-refresh-token.entity';
import { CompatRefreshTokenRepository } from '../../src/storage/compat/compat-refresh-token.repository';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { OAuth2RefreshTokenEntity } from '../../src/storage/oauth2/oauth2-refresh-token.entity';
import { OAuth2RefreshTokenRepository } from '../../src/storage/oauth2/oauth2-refresh-token.repository';
import { PersonalAccessTokenEntity } from '../../src/storage/personal/personal-access-token.entity';
import { PersonalAccessTokenRepository } from '../../src/storage/personal/personal-access-token.repository';
import { PersonalSessionEntity } from '../../src/storage/personal/personal-session.entity';
import { UserEntity } from '../../src/storage/users/user.entity';
import { FakeClock } from '../fakes/fake-clock';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { queriesOf } from '../setup/query-log';
import { addClient, addOAuth2Session, addUser } from './storage-fixtures';

const MINUTE = 60_000;

describe('token resolvers (one indexed query per presented token)', () => {
  let db: TestDatabase;
  let clock: FakeClock;
  let refresh: RefreshTokenResolver;
  let compat: CompatTokenResolver;
  let personal: PersonalTokenResolver;
  const rng = new CryptoRng(new SystemClock());

  before(async () => {
    db = await createTestDatabase();
    clock = new FakeClock();
    refresh = new RefreshTokenResolver(new OAuth2RefreshTokenRepository(db.dataSource));
    compat = new CompatTokenResolver(
      clock,
      new CompatAccessTokenRepository(db.dataSource),
      new CompatRefreshTokenRepository(db.dataSource),
    );
    personal = new PersonalTokenResolver(clock, new PersonalAccessTokenRepository(db.dataSource));
  });
  after(async () => {
    await db.drop();
  });

  const queries = (work: () => Promise<unknown>) => queriesOf(db.dataSource, work);
  const reads = (query: string, tables: string[]) => {
    for (const table of tables) assert.ok(query.includes(`"${table}"`), `the query reads ${table}`);
  };

  describe('RefreshTokenResolver', () => {
    async function issueRefresh() {
      const client = await addClient(db.dataSource);
      const user = await addUser(db.dataSource);
      const session = await addOAuth2Session(db.dataSource, client.id, user.id);
      const raw = generateToken(TokenType.RefreshToken, rng);
      const id = ulid();
      await new OAuth2RefreshTokenRepository(db.dataSource).add({
        id,
        sessionId: session.id,
        accessTokenId: null,
        tokenSha256: hashToken(raw),
        createdAt: clock.now(),
      });
      return { raw, id, session, client, user };
    }

    it('should read token, session, client and user with a single query', async () => {
      const issued = await issueRefresh();
      const q = await queries(async () => {
        const found = await refresh.resolve(issued.raw);
        assert.equal(found?.token.id, issued.id);
        assert.equal(found?.session.id, issued.session.id);
        assert.equal(found?.client.id, issued.client.id);
        assert.equal(found?.user?.username, issued.user.username);
      });
      assert.equal(q.length, 1, q.join('\n'));
      reads(q[0], ['oauth2_refresh_tokens', 'oauth2_sessions', 'oauth2_clients', 'users']);
    });

    it('should be null for a consumed token, an access token and malformed input', async () => {
      const issued = await issueRefresh();
      await db.dataSource
        .getRepository(OAuth2RefreshTokenEntity)
        .update({ id: issued.id }, { consumedAt: clock.now() });
      assert.equal(await refresh.resolve(issued.raw), null);
      assert.equal(await refresh.resolve(generateToken(TokenType.AccessToken, rng)), null);
      const q = await queries(async () => assert.equal(await refresh.resolve('mar_x'), null));
      assert.deepEqual(q, []);
    });
  });

  describe('CompatTokenResolver', () => {
    async function issueCompat(accessRaw = generateToken(TokenType.CompatAccessToken, rng)) {
      const user = await addUser(db.dataSource);
      const sessionId = ulid();
      await db.dataSource.getRepository(CompatSessionEntity).insert({
        id: sessionId,
        userId: user.id,
        deviceId: 'DEVICEID01',
        createdAt: clock.now(),
      });
      const accessId = ulid();
      await db.dataSource.getRepository(CompatAccessTokenEntity).insert({
        id: accessId,
        compatSessionId: sessionId,
        accessTokenSha256: hashToken(accessRaw),
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 5 * MINUTE),
      });
      const refreshRaw = generateToken(TokenType.CompatRefreshToken, rng);
      await db.dataSource.getRepository(CompatRefreshTokenEntity).insert({
        id: ulid(),
        compatSessionId: sessionId,
        compatAccessTokenId: accessId,
        refreshTokenSha256: hashToken(refreshRaw),
        createdAt: clock.now(),
      });
      return { accessRaw, refreshRaw, sessionId, user };
    }

    it('should read an access token, its session and user with a single query', async () => {
      const issued = await issueCompat();
      const q = await queries(async () => {
        const found = await compat.resolve(issued.accessRaw);
        assert.equal(found?.kind, 'access_token');
        assert.equal(found?.session.deviceId, 'DEVICEID01');
        assert.equal(found?.user.id, issued.user.id);
      });
      assert.equal(q.length, 1, q.join('\n'));
      reads(q[0], ['compat_access_tokens', 'compat_sessions', 'users']);
    });

    it('should read a refresh token, its session and user with a single query', async () => {
      const issued = await issueCompat();
      const q = await queries(async () => {
        const found = await compat.resolve(issued.refreshRaw);
        assert.equal(found?.kind, 'refresh_token');
        assert.equal(found?.session.id, issued.sessionId);
      });
      assert.equal(q.length, 1, q.join('\n'));
      reads(q[0], ['compat_refresh_tokens', 'compat_sessions', 'users']);
    });

    it('should find tokens imported from Synapse by their hash', async () => {
      const raw = `syt_${Buffer.from('bob').toString('base64url')}_${rng.alphanumeric(20)}_1a2b3c`;
      const issued = await issueCompat(raw);
      assert.equal((await compat.resolve(raw))?.session.id, issued.sessionId);
    });

    it('should be null from the instant an access token expires (injected clock)', async () => {
      const issued = await issueCompat();
      const start = clock.now();
      try {
        clock.advance(5 * MINUTE - 1);
        assert.ok(await compat.resolve(issued.accessRaw));
        clock.advance(1);
        assert.equal(await compat.resolve(issued.accessRaw), null);
      } finally {
        clock.set(start);
      }
    });

    it('should be null for OAuth and personal tokens', async () => {
      for (const type of [TokenType.AccessToken, TokenType.PersonalAccessToken]) {
        assert.equal(await compat.resolve(generateToken(type, rng)), null);
      }
    });
  });

  describe('PersonalTokenResolver', () => {
    async function issuePersonal(owner: 'user' | 'client') {
      const actor = await addUser(db.dataSource);
      const ownerUser = owner === 'user' ? await addUser(db.dataSource) : null;
      const ownerClient = owner === 'client' ? await addClient(db.dataSource) : null;
      const sessionId = ulid();
      await db.dataSource.getRepository(PersonalSessionEntity).insert({
        id: sessionId,
        ownerUserId: ownerUser?.id ?? null,
        ownerOAuth2ClientId: ownerClient?.id ?? null,
        actorUserId: actor.id,
        humanName: 'bot',
        scopeList: ['urn:matrix:client:api:*'],
        createdAt: clock.now(),
      });
      const raw = generateToken(TokenType.PersonalAccessToken, rng);
      await db.dataSource.getRepository(PersonalAccessTokenEntity).insert({
        id: ulid(),
        personalSessionId: sessionId,
        accessTokenSha256: hashToken(raw),
        createdAt: clock.now(),
        expiresAt: null,
      });
      return { raw, actor, ownerUser, ownerClient };
    }

    it('should read token, session, actor and owner with a single query', async () => {
      for (const owner of ['user', 'client'] as const) {
        const issued = await issuePersonal(owner);
        const q = await queries(async () => {
          const found = await personal.resolve(issued.raw);
          assert.equal(found?.actor.id, issued.actor.id);
          assert.equal(found?.ownerUser?.id ?? null, issued.ownerUser?.id ?? null);
          assert.equal(found?.ownerClient?.id ?? null, issued.ownerClient?.id ?? null);
        });
        assert.equal(q.length, 1, q.join('\n'));
        reads(q[0], ['personal_access_tokens', 'personal_sessions', 'users', 'oauth2_clients']);
      }
    });

    it('should be null for a token of a deactivated actor', async () => {
      const issued = await issuePersonal('user');
      await db.dataSource
        .getRepository(UserEntity)
        .update({ id: issued.actor.id }, { deactivatedAt: clock.now() });
      assert.equal(await personal.resolve(issued.raw), null);
    });
  });
});
