import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { isValid as isValidUlid } from 'ulid';
import { Clock, Encrypter, OAuthError } from '../core';
import { UrlBuilder } from '../http/url-builder';
import { OAuth2ClientAssertionRepository } from '../storage/oauth2/oauth2-client-assertion.repository';
import type { OAuth2ClientEntity } from '../storage/oauth2/oauth2-client.entity';
import { OAuth2ClientRepository } from '../storage/oauth2/oauth2-client.repository';
import { checkAssertionClaims } from './assertion-claims.check';
import {
  ASYMMETRIC_ALGORITHMS,
  type ClientAuthMethod,
  HMAC_ALGORITHMS,
  isClientAuthMethod,
} from './client-auth-method';
import { extractCredentials } from './client-credentials';
import { ClientJwksCache } from './client-jwks.cache';

export interface ClientAuthInput {
  /** The raw `Authorization` header, if any (Basic only; Bearer is the caller's business). */
  authorization?: string;
  /** The parsed `application/x-www-form-urlencoded` body. */
  body: Record<string, unknown>;
}

export interface AuthenticatedClient {
  client: OAuth2ClientEntity;
  method: ClientAuthMethod;
}

export interface ClientAuthOptions {
  /** The absolute URL of the endpoint being called; accepted as an assertion `aud`. */
  endpointUrl: string;
  /** Whether `none` (public clients) is accepted; defaults to true. */
  allowPublic?: boolean;
}

/** Same description for an unknown client and a wrong credential, so neither is revealed. */
const AUTH_FAILED = 'client authentication failed';

function failed(): never {
  throw new OAuthError('invalid_client', AUTH_FAILED);
}

/** Constant-time comparison of two secrets of any length (digests have equal lengths). */
function secretsEqual(presented: string, stored: Buffer): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(stored).digest();
  return timingSafeEqual(a, b);
}

/**
 * Client authentication at the token, revocation, introspection and device endpoints
 * (RFC 6749 §2.3, RFC 7521 §4.2, RFC 7523 §2.2 and §3, OIDC Core §9). Throws `OAuthError`:
 * `invalid_client` when authentication fails, `invalid_request` when the request is malformed.
 */
@Injectable()
export class ClientAuthenticator {
  constructor(
    private readonly clients: OAuth2ClientRepository,
    private readonly assertions: OAuth2ClientAssertionRepository,
    private readonly encrypter: Encrypter,
    private readonly clock: Clock,
    private readonly urls: UrlBuilder,
    private readonly jwksCache: ClientJwksCache,
  ) {}

  async authenticate(
    input: ClientAuthInput,
    opts: ClientAuthOptions,
  ): Promise<AuthenticatedClient> {
    const presented = extractCredentials(input.authorization, input.body);
    switch (presented.kind) {
      case 'basic':
      case 'post': {
        const method = presented.kind === 'basic' ? 'client_secret_basic' : 'client_secret_post';
        const client = await this.registeredFor(presented.clientId, [method]);
        this.checkSecret(client, presented.clientSecret);
        return { client, method };
      }
      case 'none': {
        const client = await this.registeredFor(presented.clientId, ['none']);
        if (opts.allowPublic === false) {
          throw new OAuthError('invalid_client', 'public clients may not use this endpoint');
        }
        return { client, method: 'none' };
      }
      case 'assertion':
        return this.authenticateAssertion(presented.assertion, presented.clientId, opts);
    }
  }

  /**
   * Loads the client and checks that its registered `token_endpoint_auth_method` is one of
   * `methods` (the method presented must be the registered one, RFC 7591 §2).
   */
  private async registeredFor(
    clientId: string,
    methods: readonly ClientAuthMethod[],
  ): Promise<OAuth2ClientEntity> {
    // Client ids are ULIDs; anything else cannot name a client (and must not reach the uuid column).
    if (!/^[0-7]/.test(clientId) || !isValidUlid(clientId)) failed();
    const client = await this.clients.findById(clientId);
    if (!client) failed();
    const registered = client.tokenEndpointAuthMethod;
    if (!isClientAuthMethod(registered)) {
      throw new OAuthError(
        'invalid_client',
        'the client has no usable token_endpoint_auth_method registered',
      );
    }
    if (!methods.includes(registered)) {
      throw new OAuthError(
        'invalid_client',
        `the client is registered for ${registered}, not ${methods.join(' or ')}`,
      );
    }
    return client;
  }

  private storedSecret(client: OAuth2ClientEntity): Buffer {
    if (!client.encryptedClientSecret) failed();
    return this.encrypter.decrypt(client.encryptedClientSecret);
  }

  private checkSecret(client: OAuth2ClientEntity, presented: string): void {
    if (!secretsEqual(presented, this.storedSecret(client))) failed();
  }

  /** RFC 7523 §2.2: `client_secret_jwt` or `private_key_jwt`, as the client registered. */
  private async authenticateAssertion(
    assertion: string,
    formClientId: string | undefined,
    opts: ClientAuthOptions,
  ): Promise<AuthenticatedClient> {
    let alg: unknown;
    let unverified: JWTPayload;
    try {
      alg = decodeProtectedHeader(assertion).alg;
      unverified = decodeJwt(assertion);
    } catch {
      throw new OAuthError('invalid_client', 'client assertion is not a valid JWT');
    }
    // RFC 7521 §4.2 / OIDC Core §9: the client is the `sub`; a form client_id must agree.
    const clientId = unverified.sub;
    if (typeof clientId !== 'string' || clientId === '') {
      throw new OAuthError('invalid_client', 'client assertion must contain sub');
    }
    if (formClientId !== undefined && formClientId !== clientId) {
      throw new OAuthError('invalid_request', 'client_id does not match the assertion sub');
    }
    const client = await this.registeredFor(clientId, ['client_secret_jwt', 'private_key_jwt']);
    const method = client.tokenEndpointAuthMethod as 'client_secret_jwt' | 'private_key_jwt';

    const algorithms = this.allowedAlgorithms(client, method);
    if (typeof alg !== 'string' || !algorithms.includes(alg)) {
      throw new OAuthError('invalid_client', `client assertion alg ${String(alg)} is not allowed`);
    }

    const payload =
      method === 'client_secret_jwt'
        ? await this.verifyHmac(assertion, client, algorithms)
        : await this.verifyWithClientKeys(assertion, client, algorithms);

    const now = this.clock.now();
    const checked = checkAssertionClaims(payload, {
      clientId,
      audiences: [this.urls.issuer, opts.endpointUrl],
      now,
    });
    // RFC 7523 §3 item 7: a `jti` is accepted once per client until the assertion expires.
    if (!(await this.assertions.recordUse(client.id, checked.jti, checked.rememberUntil, now))) {
      throw new OAuthError('invalid_client', 'client assertion was already used (jti)');
    }
    return { client, method };
  }

  /**
   * The algorithms accepted for this client: its `token_endpoint_auth_signing_alg` alone when
   * set (OIDC Registration §2), else every algorithm of the method's family. Never `none`.
   */
  private allowedAlgorithms(
    client: OAuth2ClientEntity,
    method: 'client_secret_jwt' | 'private_key_jwt',
  ): readonly string[] {
    const family = method === 'client_secret_jwt' ? HMAC_ALGORITHMS : ASYMMETRIC_ALGORITHMS;
    const registered = client.tokenEndpointAuthSigningAlg;
    if (registered === null) return family;
    return family.includes(registered) ? [registered] : [];
  }

  private async verifyHmac(
    assertion: string,
    client: OAuth2ClientEntity,
    algorithms: readonly string[],
  ): Promise<JWTPayload> {
    const key = new Uint8Array(this.storedSecret(client));
    return this.verify(assertion, key, algorithms);
  }

  private async verifyWithClientKeys(
    assertion: string,
    client: OAuth2ClientEntity,
    algorithms: readonly string[],
  ): Promise<JWTPayload> {
    if (client.jwks !== null && client.jwks !== undefined) {
      return this.verify(assertion, this.keySet(client.jwks as JSONWebKeySet), algorithms);
    }
    const uri = client.jwksUri;
    if (!uri) throw new OAuthError('invalid_client', 'the client has no registered keys');
    const cached = await this.loadJwks(client.id, uri, false);
    try {
      return await this.verify(assertion, this.keySet(cached.jwks), algorithms, true);
    } catch (error) {
      // An unknown `kid` may mean the client rotated its keys: fetch once more.
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || cached.fresh)
        throw this.asAuth(error);
    }
    const refreshed = await this.loadJwks(client.id, uri, true);
    return this.verify(assertion, this.keySet(refreshed.jwks), algorithms);
  }

  private async loadJwks(
    clientId: string,
    uri: string,
    refetch: boolean,
  ): Promise<{ jwks: JSONWebKeySet; fresh: boolean }> {
    try {
      if (!refetch) return await this.jwksCache.get(clientId, uri);
      const jwks = await this.jwksCache.refetch(clientId, uri);
      if (!jwks) throw new OAuthError('invalid_client', 'no client key matches the assertion');
      return { jwks, fresh: true };
    } catch (error) {
      if (error instanceof OAuthError) throw error;
      throw new OAuthError('invalid_client', "the client's jwks_uri could not be used");
    }
  }

  private keySet(jwks: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
    try {
      return createLocalJWKSet(jwks);
    } catch {
      throw new OAuthError('invalid_client', "the client's key set is invalid");
    }
  }

  private async verify(
    assertion: string,
    key: Uint8Array | ReturnType<typeof createLocalJWKSet>,
    algorithms: readonly string[],
    rethrowRaw = false,
  ): Promise<JWTPayload> {
    try {
      const { payload } = await compactVerify(assertion, key, { algorithms: [...algorithms] });
      const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new OAuthError('invalid_client', 'client assertion payload is not a JSON object');
      }
      return parsed as JWTPayload;
    } catch (error) {
      if (rethrowRaw) throw error;
      throw this.asAuth(error);
    }
  }

  private asAuth(error: unknown): OAuthError {
    if (error instanceof OAuthError) return error;
    if (error instanceof joseErrors.JWKSNoMatchingKey) {
      return new OAuthError('invalid_client', 'no client key matches the assertion');
    }
    return new OAuthError('invalid_client', 'client assertion signature is invalid');
  }
}
