import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { fetchJwks } from '../../src/client-auth/fetch-jwks';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import {
  addClient,
  assertionBody,
  claims,
  type ClientAuthHarness,
  harness,
  rejectsWith,
  sign,
  TOKEN_ENDPOINT,
} from './client-auth-fixtures';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

const AT_TOKEN = { endpointUrl: TOKEN_ENDPOINT };
const TIMEOUT_MS = 300;
const MAX_BYTES = 4096;

/** A loopback server for `jwks_uri`: counts hits per path and can stall or oversize. */
function startJwksServer(served: { keys: JWK[] }) {
  const hits = new Map<string, number>();
  const stalled: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith('/jwks')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(served));
    } else if (path === '/slow') {
      stalled.push(res);
    } else if (path === '/big') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [], pad: 'x'.repeat(MAX_BYTES * 2) }));
    } else if (path === '/big-chunked') {
      res.setHeader('content-type', 'application/json');
      res.write('{"keys":[],"pad":"');
      for (let i = 0; i < 8; i++) res.write('x'.repeat(1024));
      res.end('"}');
    } else if (path === '/not-a-set') {
      res.end(JSON.stringify({ hello: 'world' }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  return {
    hits: (path: string) => hits.get(path) ?? 0,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        }),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('private_key_jwt with a jwks_uri', () => {
  let db: TestDatabase;
  let h: ClientAuthHarness;
  let keys: KeyPair;
  let rotated: KeyPair;
  const served: { keys: JWK[] } = { keys: [] };
  const server = startJwksServer(served);
  let base: string;

  const signed = (clientId: string, kid = 'k1', key = keys.privateKey) =>
    sign(claims(h, clientId), key, { alg: 'ES256', kid });
  const auth = (assertion: string) =>
    h.auth.authenticate({ body: assertionBody(assertion) }, AT_TOKEN);
  const clientAt = (path: string) =>
    addClient(h, { method: 'private_key_jwt', jwksUri: `${base}${path}` });

  before(async () => {
    db = await createTestDatabase();
    h = harness(db, { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES });
    keys = await generateKeyPair('ES256');
    rotated = await generateKeyPair('ES256');
    served.keys = [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' }];
    base = await server.listen();
  });

  after(async () => {
    await server.close();
    await db?.drop();
  });

  it('should fetch the key set once and serve later assertions from the cache', async () => {
    const client = await clientAt('/jwks/cached');
    await auth(await signed(client));
    await auth(await signed(client));
    await auth(await signed(client));
    assert.equal(server.hits('/jwks/cached'), 1);
  });

  it('should fetch the key set again once the TTL has passed', async () => {
    const client = await clientAt('/jwks/ttl');
    await auth(await signed(client));
    h.clock.advance(h.jwksCache.options.ttlMs + 1);
    await auth(await signed(client));
    assert.equal(server.hits('/jwks/ttl'), 2);
  });

  it('should refetch once on an unknown kid after key rotation, but not within the cooldown', async () => {
    const client = await clientAt('/jwks/rotate');
    await auth(await signed(client));
    served.keys = [
      ...served.keys,
      { ...(await exportJWK(rotated.publicKey)), kid: 'k2', alg: 'ES256' },
    ];
    try {
      // Within the cooldown the cached set is kept and the unknown kid is refused.
      await rejectsWith(
        auth(await signed(client, 'k2', rotated.privateKey)),
        'invalid_client',
        /no client key/,
      );
      assert.equal(server.hits('/jwks/rotate'), 1);
      h.clock.advance(h.jwksCache.options.refetchCooldownMs);
      await auth(await signed(client, 'k2', rotated.privateKey));
      assert.equal(server.hits('/jwks/rotate'), 2);
      // A kid that is still unknown after the refetch is refused without a third fetch.
      await rejectsWith(auth(await signed(client, 'k3')), 'invalid_client', /no client key/);
      assert.equal(server.hits('/jwks/rotate'), 2);
    } finally {
      served.keys = served.keys.slice(0, 1);
    }
  });

  it('should fail cleanly within the timeout when the jwks_uri does not answer', async () => {
    const client = await clientAt('/slow');
    const started = process.hrtime.bigint();
    await rejectsWith(auth(await signed(client)), 'invalid_client', /jwks_uri/);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(elapsedMs >= TIMEOUT_MS - 50, `gave up after ${elapsedMs} ms`);
    assert.ok(elapsedMs < TIMEOUT_MS + 1500, `took ${elapsedMs} ms`);
  });

  it('should fail cleanly when the jwks_uri is unreachable', async () => {
    const client = await addClient(h, {
      method: 'private_key_jwt',
      jwksUri: 'http://127.0.0.1:1/jwks',
    });
    await rejectsWith(auth(await signed(client)), 'invalid_client', /jwks_uri/);
  });

  it('should refuse an oversized key set, declared or streamed', async () => {
    for (const path of ['/big', '/big-chunked']) {
      const client = await clientAt(path);
      await rejectsWith(auth(await signed(client)), 'invalid_client', /jwks_uri/);
      assert.equal(server.hits(path), 1);
    }
  });

  it('should refuse an error status, a body that is not a JWK Set and a non-http(s) URI', async () => {
    for (const path of ['/missing', '/not-a-set']) {
      const client = await clientAt(path);
      await rejectsWith(auth(await signed(client)), 'invalid_client', /jwks_uri/);
    }
    const fileClient = await addClient(h, {
      method: 'private_key_jwt',
      jwksUri: 'file:///etc/passwd',
    });
    await rejectsWith(auth(await signed(fileClient)), 'invalid_client', /jwks_uri/);
  });

  it('should say why a jwks_uri fetch failed', async () => {
    const limits = { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES };
    const cases: [string, RegExp][] = [
      [`${base}/slow`, /did not answer within 300 ms/],
      [`${base}/big`, /larger than 4096 bytes/],
      [`${base}/big-chunked`, /larger than 4096 bytes/],
      [`${base}/missing`, /HTTP 404/],
      [`${base}/not-a-set`, /not return a JWK Set/],
      ['http://127.0.0.1:1/jwks', /could not be fetched/],
      ['file:///etc/passwd', /must be an http\(s\) URL/],
      ['not a url', /not a URL/],
    ];
    for (const [uri, reason] of cases) {
      await assert.rejects(fetchJwks(uri, limits), reason, uri);
    }
    assert.deepEqual(await fetchJwks(`${base}/jwks/direct`, limits), served);
  });
});
