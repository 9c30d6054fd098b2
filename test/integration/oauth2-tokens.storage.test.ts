import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ulid } from 'ulid';
import { TransactionRunner } from '../../src/database/transaction';
import { OAuth2AccessTokenRepository } from '../../src/storage/oauth2/oauth2-access-token.repository';
import { OAuth2AuthorizationGrantRepository } from '../../src/storage/oauth2/oauth2-authorization-grant.repository';
import { OAuth2RefreshTokenRepository } from '../../src/storage/oauth2/oauth2-refresh-token.repository';
import { OAuth2SessionRepository } from '../../src/storage/oauth2/oauth2-session.repository';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import {
  addClient,
  addOAuth2Session,
  addUser,
  addUserSession,
  randomTokenHash,
} from './storage-fixtures';

describe('OAuth 2.0 grant and token repositories', () => {
  let db: TestDatabase;
  let grants: OAuth2AuthorizationGrantRepository;
  let sessions: OAuth2SessionRepository;
  let access: OAuth2AccessTokenRepository;
  let refresh: OAuth2RefreshTokenRepository;
  let tx: TransactionRunner;
  before(async () => {
    db = await createTestDatabase();
    grants = new OAuth2AuthorizationGrantRepository(db.dataSource);
    sessions = new OAuth2SessionRepository(db.dataSource);
    access = new OAuth2AccessTokenRepository(db.dataSource);
    refresh = new OAuth2RefreshTokenRepository(db.dataSource);
    tx = new TransactionRunner(db.dataSource);
  });
  after(async () => {
    await db.drop();
  });

  async function fulfilledGrant() {
    const client = await addClient(db.dataSource);
    const user = await addUser(db.dataSource);
    const browser = await addUserSession(db.dataSource, user.id);
    const id = ulid();
    await grants.add({
      id,
      oauth2ClientId: client.id,
      redirectUri: 'https://app.example.com/cb',
      scope: 'openid',
      state: null,
      nonce: null,
      responseMode: 'query',
      codeChallengeMethod: null,
      codeChallenge: null,
      responseTypeCode: true,
      responseTypeIdToken: false,
      createdAt: new Date(),
      loginHint: null,
      locale: null,
      rawParameters: {},
    });
    const code = randomTokenHash();
    assert.equal(await grants.fulfill(id, browser.id, code, new Date()), true);
    return { id, client, user, code };
  }

  it('should find a fulfilled grant by its code hash and fulfil it only once', async () => {
    const g = await fulfilledGrant();
    const found = await grants.findByCodeHash(g.code);
    assert.equal(found?.id, g.id);
    assert.equal(
      await grants.fulfill(g.id, found.userSessionId!, randomTokenHash(), new Date()),
      false,
    );
    assert.equal(await grants.findByCodeHash(randomTokenHash()), null);
  });

  it('should let exactly one of several racing exchanges of one code win', async () => {
    const g = await fulfilledGrant();
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () =>
        tx
          .run(async (t) => {
            const sessionId = ulid();
            await sessions.add(
              {
                id: sessionId,
                clientId: g.client.id,
                userId: g.user.id,
                userSessionId: null,
                scope: ['openid'],
                createdAt: new Date(),
                userAgent: null,
              },
              t,
            );
            const won = await grants.exchange(g.id, sessionId, new Date(), t);
            if (!won) throw new Error('lost');
            return sessionId;
          })
          .then(
            (id) => id,
            () => null,
          ),
      ),
    );
    const winners = attempts.filter((x) => x !== null);
    assert.equal(winners.length, 1);
    const grant = await grants.findById(g.id);
    assert.equal(grant?.oauth2SessionId, winners[0]);
    // The losers' sessions were rolled back with their transactions.
    for (const id of attempts)
      if (id && id !== winners[0]) assert.equal(await sessions.findById(id), null);
  });

  it('should let exactly one of several racing refreshes consume a token', async () => {
    const client = await addClient(db.dataSource);
    const user = await addUser(db.dataSource);
    const session = await addOAuth2Session(db.dataSource, client.id, user.id);
    const rtId = ulid();
    await refresh.add({
      id: rtId,
      sessionId: session.id,
      accessTokenId: null,
      tokenSha256: randomTokenHash(),
      createdAt: new Date(),
    });
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        tx.run(async (t) => {
          const nextId = ulid();
          await refresh.add(
            {
              id: nextId,
              sessionId: session.id,
              accessTokenId: null,
              tokenSha256: randomTokenHash(),
              createdAt: new Date(),
            },
            t,
          );
          return refresh.consume(rtId, nextId, new Date(), t);
        }),
      ),
    );
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('should finish a session once and revoke all its tokens', async () => {
    const client = await addClient(db.dataSource);
    const user = await addUser(db.dataSource);
    const session = await addOAuth2Session(db.dataSource, client.id, user.id);
    const atId = ulid();
    await access.add({
      id: atId,
      sessionId: session.id,
      tokenSha256: randomTokenHash(),
      createdAt: new Date(),
      expiresAt: null,
    });
    await refresh.add({
      id: ulid(),
      sessionId: session.id,
      accessTokenId: atId,
      tokenSha256: randomTokenHash(),
      createdAt: new Date(),
    });
    const now = new Date();
    assert.equal(await sessions.finish(session.id, now), true);
    assert.equal(await sessions.finish(session.id, now), false);
    assert.equal(await access.revokeAllOfSession(session.id, now), 1);
    assert.equal(await refresh.revokeAllOfSession(session.id, now), 1);
    assert.equal(await access.revokeAllOfSession(session.id, now), 0);
    assert.ok((await access.findById(atId))?.revokedAt);
  });
});
