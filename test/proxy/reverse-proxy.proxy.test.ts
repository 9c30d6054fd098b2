import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loopbackRequest } from '../setup/loopback-client';
import { startLoopbackServer } from '../setup/loopback-server';
import { startRecordingUpstream, type RecordingUpstream } from '../setup/recording-upstream';
import {
  PROXY_CLIENT_ADDRESS,
  REVERSE_PROXY_KINDS,
  describeWithReverseProxy,
  fillTemplate,
  loopbackUpstream,
  reverseProxyAvailable,
  startReverseProxy,
  type ReverseProxy,
  type ReverseProxyKind,
} from '../setup/reverse-proxy';
import { COMPAT_REQUESTS, SYNAPSE_REQUESTS, type RoutedRequest } from './matrix-routes';

/** A compat SSO login id, as mas-ts's redirect to its completion page carries one. */
const SSO_LOGIN_ID = '01JPROXYTESTSSOLOGIN000000';

function send(proxy: ReverseProxy, request: RoutedRequest) {
  return loopbackRequest(`${proxy.baseUrl}${request.path}`, {
    method: request.method,
    headers: {
      ...(request.body !== undefined && { 'Content-Type': 'application/json' }),
      ...request.headers,
    },
    body: request.body,
    localAddress: PROXY_CLIENT_ADDRESS,
  });
}

/** Whether process `pid` still exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function describeRouting(kind: ReverseProxyKind): void {
  describeWithReverseProxy(
    kind,
    `${kind} in front of mas-ts and Synapse (recording upstreams)`,
    () => {
      let mas: RecordingUpstream;
      let synapse: RecordingUpstream;
      let proxy: ReverseProxy;

      before(async () => {
        mas = await startRecordingUpstream('mas', (request, res) => {
          if (request.path.includes('/login/sso/redirect')) {
            // mas-ts sends the browser to its own public base: the proxy must not rewrite it.
            res.writeHead(302, { Location: `${mas.origin}/complete-compat-sso/${SSO_LOGIN_ID}` });
            res.end();
          } else if (request.path.endsWith('/logout/all')) {
            res.writeHead(403, { 'Content-Type': 'application/json', 'X-Upstream': 'mas' });
            res.end('{"errcode":"M_FORBIDDEN","error":"refused by the test upstream"}');
          } else {
            res.writeHead(200, { 'Content-Type': 'application/json', 'X-Upstream': 'mas' });
            res.end(JSON.stringify({ upstream: 'mas', path: request.path }));
          }
        });
        synapse = await startRecordingUpstream('synapse');
        proxy = await startReverseProxy({
          kind,
          masBaseUrl: `${mas.origin}/`,
          synapseBaseUrl: synapse.origin,
        });
      });
      after(async () => {
        await proxy?.stop();
        await mas?.close();
        await synapse?.close();
      });

      it('should listen on 127.0.0.1 only, with its files in its own temporary folder', () => {
        assert.match(proxy.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.ok(existsSync(proxy.dir));
        assert.ok(proxy.config.includes(mas.origin) && proxy.config.includes(synapse.origin));
        assert.doesNotMatch(proxy.config, /__[A-Z_]+__|\/etc\/|\/var\//);
      });

      for (const request of COMPAT_REQUESTS) {
        it(`should send ${request.method} ${request.path} to mas-ts with its method, path, query and body`, async () => {
          const before = { mas: mas.requests.length, synapse: synapse.requests.length };
          const res = await send(proxy, request);
          assert.equal(mas.requests.length, before.mas + 1, proxy.log());
          assert.equal(synapse.requests.length, before.synapse, 'Synapse saw nothing');
          const got = mas.requests[mas.requests.length - 1];
          assert.equal(got.method, request.method);
          assert.equal(got.path, request.path);
          assert.equal(got.body, request.body ?? '');
          if (request.headers?.Authorization !== undefined) {
            assert.equal(got.headers.authorization, request.headers.Authorization);
          }
          if (request.body !== undefined) {
            assert.equal(got.headers['content-type'], 'application/json');
          }
          if (request.path.includes('/login/sso/redirect')) {
            assert.equal(res.status, 302);
            assert.equal(res.headers.location, `${mas.origin}/complete-compat-sso/${SSO_LOGIN_ID}`);
          } else if (request.path.endsWith('/logout/all')) {
            assert.equal(res.status, 403);
            assert.deepEqual(JSON.parse(res.body), {
              errcode: 'M_FORBIDDEN',
              error: 'refused by the test upstream',
            });
          } else {
            assert.equal(res.status, 200);
            assert.equal(res.headers['x-upstream'], 'mas');
          }
        });
      }

      for (const request of SYNAPSE_REQUESTS) {
        it(`should send ${request.method} ${request.path} to Synapse`, async () => {
          const before = { mas: mas.requests.length, synapse: synapse.requests.length };
          const res = await send(proxy, request);
          assert.equal(res.status, 200, proxy.log());
          assert.equal(res.headers['x-upstream'], 'synapse');
          assert.equal(synapse.requests.length, before.synapse + 1);
          assert.equal(mas.requests.length, before.mas, 'mas-ts saw nothing');
          const got = synapse.requests[synapse.requests.length - 1];
          assert.equal(got.method, request.method);
          assert.equal(got.path, request.path);
          assert.equal(got.body, request.body ?? '');
        });
      }

      it("should pass the client's address, the scheme and the Host the client asked for", async () => {
        const res = await loopbackRequest(`${proxy.baseUrl}/_matrix/client/v3/login`, {
          headers: { Host: 'matrix.example.test', 'X-Forwarded-For': '203.0.113.7' },
          localAddress: PROXY_CLIENT_ADDRESS,
        });
        assert.equal(res.status, 200);
        const got = mas.requests[mas.requests.length - 1];
        assert.equal(got.path, '/_matrix/client/v3/login');
        assert.equal(got.remoteAddress, '127.0.0.1', 'the upstream is called by the proxy');
        // The address the proxy saw replaces whatever the client claimed (Synapse reads the first
        // entry of X-Forwarded-For, whoever wrote it).
        assert.equal(got.headers['x-forwarded-for'], PROXY_CLIENT_ADDRESS);
        assert.equal(got.headers['x-forwarded-proto'], 'http');
        assert.equal(got.headers.host, 'matrix.example.test');
      });
    },
  );
}

for (const kind of REVERSE_PROXY_KINDS) describeRouting(kind);

for (const kind of REVERSE_PROXY_KINDS) {
  describeWithReverseProxy(kind, `${kind} harness (test/setup/reverse-proxy.ts)`, () => {
    it('should stop cleanly: process gone, port closed, folder removed', async () => {
      const upstream = await startRecordingUpstream('any');
      try {
        const proxy = await startReverseProxy({
          kind,
          masBaseUrl: upstream.origin,
          synapseBaseUrl: upstream.origin,
        });
        assert.equal((await loopbackRequest(`${proxy.baseUrl}/health`)).status, 200);
        assert.ok(alive(proxy.pid));
        await proxy.stop();
        await proxy.stop();
        assert.equal(alive(proxy.pid), false);
        assert.equal(existsSync(proxy.dir), false);
        await assert.rejects(loopbackRequest(`${proxy.baseUrl}/health`), /ECONNREFUSED/);
      } finally {
        await upstream.close();
      }
    });

    it('should name a port another process holds in its error (what it retries on)', async () => {
      const squatter = await startLoopbackServer((_req, res) => {
        res.statusCode = 503;
        res.end();
      });
      try {
        await assert.rejects(
          startReverseProxy({
            kind,
            port: squatter.port,
            masBaseUrl: squatter.origin,
            synapseBaseUrl: squatter.origin,
          }),
          /address already in use/i,
        );
      } finally {
        await squatter.close();
      }
    });
  });
}

describe('reverse-proxy harness helpers (test/setup/reverse-proxy.ts)', () => {
  it('should fill every placeholder and refuse a missing or an unused value', () => {
    assert.equal(fillTemplate('a __X__ b __Y_Z__ __X__', { X: '1', Y_Z: '2' }), 'a 1 b 2 1');
    assert.throws(
      () => fillTemplate('__X__ __Y__', { X: '1' }),
      /no value for the placeholder __Y__/,
    );
    assert.throws(() => fillTemplate('__X__', { X: '1', Y: '2' }), /no placeholder Y/);
  });

  it('should take only a loopback http origin as an upstream', () => {
    assert.equal(loopbackUpstream('mas', 'http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
    assert.throws(() => loopbackUpstream('mas', 'http://example.com:8080'), /127\.0\.0\.1/);
    assert.throws(() => loopbackUpstream('mas', 'https://127.0.0.1:8443'), /127\.0\.0\.1/);
    assert.throws(() => loopbackUpstream('mas', 'http://127.0.0.1:8080/prefix/'), /without a path/);
  });

  it('should name the install script when a proxy is missing', () => {
    const saved = process.env.NGINX_PATH;
    process.env.NGINX_PATH = '/nonexistent/nginx';
    try {
      const got = reverseProxyAvailable('nginx');
      assert.equal(got.ok, false);
      assert.match(
        got.ok ? '' : got.reason,
        /no nginx at \/nonexistent\/nginx: run test\/proxy\/install-nginx\.sh .*NGINX_PATH/,
      );
    } finally {
      if (saved === undefined) delete process.env.NGINX_PATH;
      else process.env.NGINX_PATH = saved;
    }
  });
});
