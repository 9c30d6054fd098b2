import { randomBytes, createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ulid } from 'ulid';
import { Encrypter, hashToken } from '../../src/core';
import { UserSessionAuthenticationRepository } from '../../src/storage/browser-sessions/user-session-authentication.repository';
import { UserSessionRepository } from '../../src/storage/browser-sessions/user-session.repository';
import { OAuth2AuthorizationGrantRepository } from '../../src/storage/oauth2/oauth2-authorization-grant.repository';
import { OAuth2ClientEntity } from '../../src/storage/oauth2/oauth2-client.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { DataSource } from 'typeorm';

export const REDIRECT_URI = 'https://app.example.org/callback';

export interface TestClient {
  id: string;
  secret: string | null;
}

/** Inserts a client registered for the code flow with `method` (secret encrypted at rest). */
export async function addCodeFlowClient(
  app: INestApplication,
  method: 'client_secret_basic' | 'client_secret_post' | 'none' = 'client_secret_basic',
  idTokenAlg: string | null = null,
): Promise<TestClient> {
  return addClient(app, { tokenEndpointAuthMethod: method, idTokenSignedResponseAlg: idTokenAlg });
}

/**
 * Inserts a client: a confidential code-flow client at `REDIRECT_URI` unless `over` says
 * otherwise. A secret is generated unless the method is `none`.
 */
export async function addClient(
  app: INestApplication,
  over: Partial<OAuth2ClientEntity> = {},
): Promise<TestClient> {
  const method = over.tokenEndpointAuthMethod ?? 'client_secret_basic';
  const secret = method === 'none' ? null : randomBytes(16).toString('hex');
  const id = ulid();
  await app
    .get(DataSource)
    .getRepository(OAuth2ClientEntity)
    .insert({
      id,
      encryptedClientSecret: secret ? app.get(Encrypter).encrypt(secret) : null,
      redirectUris: [REDIRECT_URI],
      grantTypeAuthorizationCode: true,
      grantTypeRefreshToken: true,
      tokenEndpointAuthMethod: method,
      idTokenSignedResponseAlg: null,
      isStatic: false,
      contacts: [],
      ...over,
      jwks: (over.jwks ?? null) as object,
    });
  return { id, secret };
}

export interface ConsentedGrant {
  code: string;
  verifier: string;
  grantId: string;
  userId: string;
  nonce: string;
}

/**
 * A signed-in person who consented to `scope` for `client`: user, browser session with a
 * password authentication, and a fulfilled grant with a PKCE S256 challenge. The browser
 * steps (/authorize, login, consent) produce exactly this state.
 */
export async function consentedGrant(
  app: INestApplication,
  clientId: string,
  scope = 'openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ',
): Promise<ConsentedGrant> {
  const user = await app
    .get(UserAccounts)
    .register({ username: `u${ulid().toLowerCase()}`, password: 'correct horse battery' });
  const now = new Date();
  const browser = await app
    .get(UserSessionRepository)
    .add({ id: ulid(), userId: user.id, createdAt: now, userAgent: 'test', ip: '127.0.0.1' });
  const auth = await app
    .get(UserAccounts)
    .authenticate(user.username, 'correct horse battery', '127.0.0.1');
  if (!auth.ok) throw new Error('test user cannot sign in');
  await app.get(UserSessionAuthenticationRepository).addPassword({
    id: ulid(),
    userSessionId: browser.id,
    userPasswordId: auth.passwordId,
    createdAt: now,
  });
  const verifier = randomBytes(32).toString('base64url');
  const nonce = randomBytes(8).toString('hex');
  const grantId = ulid();
  const grants = app.get(OAuth2AuthorizationGrantRepository);
  await grants.add({
    id: grantId,
    oauth2ClientId: clientId,
    redirectUri: REDIRECT_URI,
    scope,
    state: 'st',
    nonce,
    responseMode: 'query',
    codeChallengeMethod: 'S256',
    codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    responseTypeCode: true,
    responseTypeIdToken: false,
    createdAt: now,
    loginHint: null,
    locale: null,
    rawParameters: { client_id: clientId, redirect_uri: REDIRECT_URI },
  });
  const code = randomBytes(24).toString('base64url');
  await grants.fulfill(grantId, browser.id, hashToken(code), now);
  return { code, verifier, grantId, userId: user.id, nonce };
}
