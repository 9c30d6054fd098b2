import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ulid } from 'ulid';
import { AccessTokenResolver } from '../../src/access-tokens';
import { CryptoRng, generateToken, hashToken, SystemClock, TokenType } from '../../src/core';
import { OAuth2AccessTokenRepository } from '../../src/storage/oauth2/oauth2-access-token.repository';
import { OAuth2SessionRepository } from '../../src/storage/oauth2/oauth2-session.repository';
import { UserRepository } from '../../src/storage/users/user.repository';
import { FakeClock } from '../fakes/fake-clock';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { addClient, addOAuth2Session, addUser } from './storage-fixtures';
import { queriesOf } from '../setup/query-log';

const MINUTE = 60_000;

describe('AccessTokenResolver (one indexed query; RFC 7662 §2.2 "active")', () => {
  let db: TestDatabase;
  let clock: FakeClock;
  let resolver: AccessTokenResolver;
  let tokens: OAuth2AccessTokenRepository;
  let sessions: OAuth2SessionRepository;
  let users: UserRepository;
  const rng = new CryptoRng(new SystemClock());

  before(async () => {
    db = await createTestDatabase();
    clock = new FakeClock();
    tokens = new OAuth2AccessTokenRepository(db.dataSource);
    sessions = new OAuth2SessionRepository(db.dataSource);
    users = new UserRepository(db.dataSource);
    resolver = new AccessTokenResolver(clock, tokens);
  });
  after(async () => {
    await db.drop();
  });

  interface Issued {
    raw: string;
    tokenId: string;
    sessionId: string;
    clientId: string;
    userId: string | null;
  }

  /** A fresh client, user (unless `withUser` is false), session and `mat_` token. */
  async function issue(
    options: { withUser?: boolean; expiresAt?: Date | null; type?: TokenType } = {},
  ): Promise<Issued> {
    const client = await addClient(db.dataSource);
    const user = options.withUser === false ? null : await addUser(db.dataSource);
    const session = await addOAuth2Session(db.dataSource, client.id, user?.id ?? null);
    const raw = generateToken(options.type ?? TokenType.AccessToken, rng);
    const tokenId = ulid();
    await tokens.add({
      id: tokenId,
      sessionId: session.id,
      tokenSha256: hashToken(raw),
      createdAt: clock.now(),
      expiresAt:
        options.expiresAt === undefined
          ? new Date(clock.now().getTime() + 5 * MINUTE)
          : options.expiresAt,
    });
    return { raw, tokenId, sessionId: session.id, clientId: client.id, userId: user?.id ?? null };
  }

  it('should resolve an active token to its token, session, client and user', async () => {
    const issued = await issue();
    const active = await resolver.resolve(issued.raw);
    assert.ok(active);
    assert.equal(active.token.id, issued.tokenId);
    assert.equal(active.token.oauth2SessionId, issued.sessionId);
    assert.equal(active.token.expiresAt?.getTime(), clock.now().getTime() + 5 * MINUTE);
    assert.equal(active.session.id, issued.sessionId);
    assert.deepEqual(active.session.scopeList, ['openid']);
    assert.equal(active.client.id, issued.clientId);
    assert.equal(active.user?.id, issued.userId);
    assert.ok(active.user?.username.startsWith('user-'));
  });

  it('should resolve a token of a user-less (client_credentials) session with user null', async () => {
    const issued = await issue({ withUser: false });
    const active = await resolver.resolve(issued.raw);
    assert.ok(active);
    assert.equal(active.user, null);
    assert.equal(active.client.id, issued.clientId);
  });

  it('should resolve a token without an expiry', async () => {
    const issued = await issue({ expiresAt: null });
    assert.ok(await resolver.resolve(issued.raw));
  });

  it('should read token, session, client and user with a single database query', async () => {
    const issued = await issue();
    const queries = await queriesOf(db.dataSource, async () =>
      assert.ok(await resolver.resolve(issued.raw)),
    );
    assert.equal(queries.length, 1, queries.join('\n'));
    for (const table of ['oauth2_access_tokens', 'oauth2_sessions', 'oauth2_clients', 'users']) {
      assert.ok(queries[0].includes(`"${table}"`), `the query reads ${table}`);
    }
  });

  it('should be null for an unknown token', async () => {
    assert.equal(await resolver.resolve(generateToken(TokenType.AccessToken, rng)), null);
  });

  it('should be null for malformed input and bad checksums, without a database query', async () => {
    const issued = await issue();
    const badChecksum = `${issued.raw.slice(0, -1)}${issued.raw.endsWith('A') ? 'B' : 'A'}`;
    const queries = await queriesOf(db.dataSource, async () => {
      for (const raw of ['', 'garbage', 'mat_', `${issued.raw}x`, badChecksum, 'é'.repeat(41)]) {
        assert.equal(await resolver.resolve(raw), null, JSON.stringify(raw));
      }
    });
    assert.deepEqual(queries, []);
  });

  it('should be null for tokens of another kind even when their hash is stored as an access token', async () => {
    for (const type of [
      TokenType.RefreshToken,
      TokenType.CompatAccessToken,
      TokenType.PersonalAccessToken,
    ]) {
      const issued = await issue({ type });
      assert.equal(await resolver.resolve(issued.raw), null, type);
    }
    assert.equal(await resolver.resolve('syt_YWxpY2U_HJcRoOWhkHnTbDsTAYxt_1BzpDS'), null);
  });

  it('should be null once the token is revoked', async () => {
    const issued = await issue();
    assert.ok(await resolver.resolve(issued.raw));
    await tokens.revoke(issued.tokenId, clock.now());
    assert.equal(await resolver.resolve(issued.raw), null);
  });

  it('should be null from the instant the token expires (injected clock)', async () => {
    const issued = await issue();
    const start = clock.now();
    try {
      clock.advance(5 * MINUTE - 1);
      assert.ok(await resolver.resolve(issued.raw), 'still active one millisecond before');
      clock.advance(1);
      assert.equal(await resolver.resolve(issued.raw), null);
    } finally {
      clock.set(start);
    }
  });

  it('should be null once the session is finished', async () => {
    const issued = await issue();
    assert.ok(await resolver.resolve(issued.raw));
    await sessions.finish(issued.sessionId, clock.now());
    assert.equal(await resolver.resolve(issued.raw), null);
  });

  it('should be null while the user is locked, and active again once unlocked', async () => {
    const issued = await issue();
    await users.lock(issued.userId!, clock.now());
    assert.equal(await resolver.resolve(issued.raw), null);
    await users.unlock(issued.userId!);
    assert.ok(await resolver.resolve(issued.raw));
  });

  it('should be null once the user is deactivated', async () => {
    const issued = await issue();
    assert.ok(await resolver.resolve(issued.raw));
    await users.deactivate(issued.userId!, clock.now());
    assert.equal(await resolver.resolve(issued.raw), null);
  });
});
