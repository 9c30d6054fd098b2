import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SignJWT, type JWK, type JWTPayload } from 'jose';
import { ulid } from 'ulid';
import { ClientAuthenticator } from '../../src/client-auth/client-authenticator';
import {
  ClientJwksCache,
  type ClientJwksCacheOptions,
} from '../../src/client-auth/client-jwks.cache';
import { Encrypter, OAuthError, type OAuthErrorCode } from '../../src/core';
import { UrlBuilder } from '../../src/http/url-builder';
import { OAuth2ClientAssertionRepository } from '../../src/storage/oauth2/oauth2-client-assertion.repository';
import { OAuth2ClientEntity } from '../../src/storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../../src/storage/oauth2/oauth2-client.repository';
import { FakeClock } from '../fakes/fake-clock';
import type { TestDatabase } from '../setup/test-database';

export const ISSUER = 'https://auth.example.com/';
export const TOKEN_ENDPOINT = 'https://auth.example.com/oauth2/token';

export interface ClientAuthHarness {
  db: TestDatabase;
  clock: FakeClock;
  encrypter: Encrypter;
  assertions: OAuth2ClientAssertionRepository;
  jwksCache: ClientJwksCache;
  auth: ClientAuthenticator;
  /** Another authenticator on the same database, standing for a second process. */
  newAuthenticator(): ClientAuthenticator;
}

export function harness(
  db: TestDatabase,
  cache: Partial<ClientJwksCacheOptions> = {},
): ClientAuthHarness {
  const clock = new FakeClock(new Date('2024-06-01T12:00:00.000Z'));
  const encrypter = new Encrypter(randomBytes(32));
  const urls = new UrlBuilder(ISSUER, ISSUER);
  const clients = new OAuth2ClientRepository(db.dataSource);
  const assertions = new OAuth2ClientAssertionRepository(db.dataSource);
  const jwksCache = new ClientJwksCache(clock, cache);
  const newAuthenticator = () =>
    new ClientAuthenticator(
      clients,
      assertions,
      encrypter,
      clock,
      urls,
      new ClientJwksCache(clock, cache),
    );
  const auth = new ClientAuthenticator(clients, assertions, encrypter, clock, urls, jwksCache);
  return { db, clock, encrypter, assertions, jwksCache, auth, newAuthenticator };
}

export interface ClientSpec {
  method: string | null;
  secret?: string;
  signingAlg?: string;
  jwks?: { keys: JWK[] };
  jwksUri?: string;
}

/** Inserts a client registered for `spec.method`, its secret encrypted as MAS stores it. */
export async function addClient(h: ClientAuthHarness, spec: ClientSpec): Promise<string> {
  const id = ulid();
  await h.db.dataSource.getRepository(OAuth2ClientEntity).save({
    id,
    encryptedClientSecret: spec.secret === undefined ? null : h.encrypter.encrypt(spec.secret),
    redirectUris: [],
    grantTypeAuthorizationCode: false,
    grantTypeRefreshToken: false,
    grantTypeClientCredentials: true,
    tokenEndpointAuthMethod: spec.method,
    tokenEndpointAuthSigningAlg: spec.signingAlg ?? null,
    jwks: spec.jwks ?? null,
    jwksUri: spec.jwksUri ?? null,
    createdAt: h.clock.now(),
  });
  return id;
}

/** `Authorization: Basic` with both parts form-encoded (RFC 6749 §2.3.1). */
export function basic(id: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
}

/** Valid assertion claims for `clientId` at the harness's current time, with overrides. */
export function claims(h: ClientAuthHarness, clientId: string, over: JWTPayload = {}): JWTPayload {
  const now = Math.floor(h.clock.now().getTime() / 1000);
  return {
    iss: clientId,
    sub: clientId,
    aud: TOKEN_ENDPOINT,
    iat: now,
    exp: now + 60,
    jti: ulid(),
    ...over,
  };
}

/** Signs `payload` (keys set to undefined are left out). */
export async function sign(
  payload: JWTPayload,
  key: Parameters<SignJWT['sign']>[0],
  header: { alg: string; kid?: string },
): Promise<string> {
  const clean = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
  return new SignJWT(clean).setProtectedHeader(header).sign(key);
}

export function assertionBody(assertion: string, extra: Record<string, unknown> = {}) {
  return {
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    ...extra,
  };
}

/** Asserts that `promise` rejects with an OAuthError of `code` (and `message`, if given). */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: OAuthErrorCode,
  message?: string | RegExp,
): Promise<OAuthError> {
  let caught: unknown;
  await assert.rejects(promise, (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof OAuthError, `expected OAuthError, got ${String(caught)}`);
  assert.equal(caught.code, code, `code (${caught.message})`);
  if (typeof message === 'string') assert.equal(caught.message, message);
  else if (message) assert.match(caught.message, message);
  return caught;
}
