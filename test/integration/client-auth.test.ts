import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ulid } from 'ulid';
import { ClientAuthModule } from '../../src/client-auth/client-auth.module';
import { ClientAuthenticator } from '../../src/client-auth/client-authenticator';
import { Clock, Encrypter } from '../../src/core';
import { UrlBuilder } from '../../src/http/url-builder';
import { OAuth2ClientAssertionRepository } from '../../src/storage/oauth2/oauth2-client-assertion.repository';
import { OAuth2ClientRepository } from '../../src/storage/oauth2/oauth2-client.repository';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import {
  addClient,
  basic,
  type ClientAuthHarness,
  harness,
  ISSUER,
  rejectsWith,
  TOKEN_ENDPOINT,
} from './client-auth-fixtures';

const AT_TOKEN = { endpointUrl: TOKEN_ENDPOINT };
const AT_INTROSPECTION = { endpointUrl: `${ISSUER}oauth2/introspect`, allowPublic: false };
const FAILED = 'client authentication failed';

describe('client authentication with secrets (RFC 6749 §2.3)', () => {
  let db: TestDatabase;
  let h: ClientAuthHarness;
  let basicClient: string;
  let postClient: string;
  let publicClient: string;
  const secret = 'correct horse battery staple';

  before(async () => {
    db = await createTestDatabase();
    h = harness(db);
    basicClient = await addClient(h, { method: 'client_secret_basic', secret });
    postClient = await addClient(h, { method: 'client_secret_post', secret });
    publicClient = await addClient(h, { method: 'none' });
  });

  after(async () => {
    await db?.drop();
  });

  it('should authenticate a client_secret_basic client with its secret', async () => {
    const result = await h.auth.authenticate(
      { authorization: basic(basicClient, secret), body: {} },
      AT_TOKEN,
    );
    assert.equal(result.client.id, basicClient);
    assert.equal(result.method, 'client_secret_basic');
  });

  it('should accept a form client_id equal to the Basic one', async () => {
    const result = await h.auth.authenticate(
      { authorization: basic(basicClient, secret), body: { client_id: basicClient } },
      AT_TOKEN,
    );
    assert.equal(result.client.id, basicClient);
  });

  it('should refuse a form client_id that differs from the Basic one', async () => {
    await rejectsWith(
      h.auth.authenticate(
        { authorization: basic(basicClient, secret), body: { client_id: postClient } },
        AT_TOKEN,
      ),
      'invalid_request',
    );
  });

  it('should decode form-encoded Basic credentials with special characters', async () => {
    const special = 'p:a%s+s w/ö=&?';
    const id = await addClient(h, { method: 'client_secret_basic', secret: special });
    const result = await h.auth.authenticate(
      { authorization: basic(id, special), body: {} },
      AT_TOKEN,
    );
    assert.equal(result.client.id, id);
    // Sent without form-encoding, "%s+" is a malformed escape.
    const raw = `Basic ${Buffer.from(`${id}:${special}`).toString('base64')}`;
    await rejectsWith(
      h.auth.authenticate({ authorization: raw, body: {} }, AT_TOKEN),
      'invalid_request',
    );
    // And an unencoded "+" decodes to a space, so "a+b" is not the secret "a+b".
    const plus = await addClient(h, { method: 'client_secret_basic', secret: 'a+b' });
    const unencoded = `Basic ${Buffer.from(`${plus}:a+b`).toString('base64')}`;
    await rejectsWith(
      h.auth.authenticate({ authorization: unencoded, body: {} }, AT_TOKEN),
      'invalid_client',
      FAILED,
    );
    await h.auth.authenticate({ authorization: basic(plus, 'a+b'), body: {} }, AT_TOKEN);
  });

  it('should authenticate a client_secret_post client with client_id and client_secret', async () => {
    const result = await h.auth.authenticate(
      { body: { client_id: postClient, client_secret: secret } },
      AT_TOKEN,
    );
    assert.equal(result.client.id, postClient);
    assert.equal(result.method, 'client_secret_post');
  });

  it('should authenticate a public client by its client_id alone', async () => {
    const result = await h.auth.authenticate({ body: { client_id: publicClient } }, AT_TOKEN);
    assert.equal(result.client.id, publicClient);
    assert.equal(result.method, 'none');
  });

  it('should refuse a public client where allowPublic is false', async () => {
    await rejectsWith(
      h.auth.authenticate({ body: { client_id: publicClient } }, AT_INTROSPECTION),
      'invalid_client',
      /public clients/,
    );
  });

  it('should refuse a wrong secret, Basic or post, with the generic message', async () => {
    await rejectsWith(
      h.auth.authenticate({ authorization: basic(basicClient, `${secret}!`), body: {} }, AT_TOKEN),
      'invalid_client',
      FAILED,
    );
    await rejectsWith(
      h.auth.authenticate({ body: { client_id: postClient, client_secret: 'nope' } }, AT_TOKEN),
      'invalid_client',
      FAILED,
    );
  });

  it('should refuse an unknown client with the same message as a wrong secret', async () => {
    for (const id of [ulid(), 'not-a-ulid', 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ']) {
      await rejectsWith(
        h.auth.authenticate({ authorization: basic(id, secret), body: {} }, AT_TOKEN),
        'invalid_client',
        FAILED,
      );
      await rejectsWith(
        h.auth.authenticate({ body: { client_id: id } }, AT_TOKEN),
        'invalid_client',
        FAILED,
      );
    }
  });

  it('should refuse a method other than the registered token_endpoint_auth_method', async () => {
    // Basic used by a client_secret_post client, and the reverse.
    await rejectsWith(
      h.auth.authenticate({ authorization: basic(postClient, secret), body: {} }, AT_TOKEN),
      'invalid_client',
      /registered for client_secret_post/,
    );
    await rejectsWith(
      h.auth.authenticate({ body: { client_id: basicClient, client_secret: secret } }, AT_TOKEN),
      'invalid_client',
      /registered for client_secret_basic/,
    );
    // A confidential client cannot fall back to `none`.
    await rejectsWith(
      h.auth.authenticate({ body: { client_id: basicClient } }, AT_TOKEN),
      'invalid_client',
      /registered for client_secret_basic/,
    );
  });

  it('should refuse a client without a registered method or without a stored secret', async () => {
    const noMethod = await addClient(h, { method: null, secret });
    await rejectsWith(
      h.auth.authenticate({ authorization: basic(noMethod, secret), body: {} }, AT_TOKEN),
      'invalid_client',
      /no usable token_endpoint_auth_method/,
    );
    const noSecret = await addClient(h, { method: 'client_secret_basic' });
    await rejectsWith(
      h.auth.authenticate({ authorization: basic(noSecret, ''), body: {} }, AT_TOKEN),
      'invalid_client',
      FAILED,
    );
  });

  it('should refuse two authentication methods in one request (RFC 6749 §2.3)', async () => {
    await rejectsWith(
      h.auth.authenticate(
        { authorization: basic(basicClient, secret), body: { client_secret: secret } },
        AT_TOKEN,
      ),
      'invalid_request',
      /only one client authentication method/,
    );
    await rejectsWith(
      h.auth.authenticate(
        {
          body: {
            client_id: postClient,
            client_secret: secret,
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: 'a.b.c',
          },
        },
        AT_TOKEN,
      ),
      'invalid_request',
      /only one client authentication method/,
    );
  });

  it('should refuse a request without credentials and other Authorization schemes', async () => {
    await rejectsWith(h.auth.authenticate({ body: {} }, AT_TOKEN), 'invalid_client');
    await rejectsWith(
      h.auth.authenticate(
        { authorization: 'Bearer abc', body: { client_id: postClient } },
        AT_TOKEN,
      ),
      'invalid_client',
      /unsupported authorization scheme/,
    );
  });

  it('should refuse a repeated parameter (RFC 6749 §3.2)', async () => {
    await rejectsWith(
      h.auth.authenticate(
        { body: { client_id: [postClient, postClient], client_secret: secret } },
        AT_TOKEN,
      ),
      'invalid_request',
    );
  });

  it('should resolve through Nest dependency injection', async () => {
    // Stand-ins for the global StorageModule, KeysModule, CoreModule and HttpSupportModule.
    const providers = [
      { provide: OAuth2ClientRepository, useValue: new OAuth2ClientRepository(db.dataSource) },
      { provide: OAuth2ClientAssertionRepository, useValue: h.assertions },
      { provide: Encrypter, useValue: h.encrypter },
      { provide: Clock, useValue: h.clock },
      { provide: UrlBuilder, useValue: new UrlBuilder(ISSUER, ISSUER) },
    ];
    const globals: DynamicModule = {
      module: class GlobalStandIns {},
      global: true,
      providers,
      exports: providers.map((p) => p.provide),
    };
    const moduleRef = await Test.createTestingModule({
      imports: [globals, ClientAuthModule],
    }).compile();
    const auth = moduleRef.get(ClientAuthenticator);
    const result = await auth.authenticate(
      { authorization: basic(basicClient, secret), body: {} },
      AT_TOKEN,
    );
    assert.equal(result.client.id, basicClient);
    await moduleRef.close();
  });
});
