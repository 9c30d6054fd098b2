import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { DEFAULT_TRUSTED_PROXIES } from '../../src/config';
import { createTestConfig } from '../setup/test-config';
import { loopbackRequest } from '../setup/loopback-client';
import { startLoopbackServer, type LoopbackServer } from '../setup/loopback-server';
import {
  PROXY_CLIENT_ADDRESS,
  REVERSE_PROXY_KINDS,
  TRUST_PROXY_CONFIG,
  describeWithReverseProxy,
  startReverseProxy,
  type ReverseProxy,
} from '../setup/reverse-proxy';

/** What TRUST_PROXY_CONFIG sets `http.trusted_proxies` to (checked below). */
const PROXY_ONLY = ['127.0.0.1/32'];

const FORGED = '203.0.113.7';

/**
 * An upstream that resolves the client address the way mas-ts does (src/app/create-app.ts:
 * Express's `trust proxy` set to `http.trusted_proxies`) and answers it.
 */
async function addressEcho(trustedProxies: string[]): Promise<LoopbackServer> {
  const app = express();
  app.set('trust proxy', trustedProxies);
  app.use((req, res) => {
    res.json({ ip: req.ip });
  });
  return startLoopbackServer(app);
}

async function seenAddress(base: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await loopbackRequest(`${base}/_matrix/client/v3/login`, {
    headers,
    localAddress: PROXY_CLIENT_ADDRESS,
  });
  assert.equal(res.status, 200, res.body);
  return (JSON.parse(res.body) as { ip: string }).ip;
}

for (const kind of REVERSE_PROXY_KINDS) {
  describeWithReverseProxy(kind, `the client address mas-ts resolves behind ${kind}`, () => {
    const echoes: Record<'default' | 'proxyOnly', LoopbackServer | undefined> = {
      default: undefined,
      proxyOnly: undefined,
    };
    const proxies: Record<'default' | 'proxyOnly', ReverseProxy | undefined> = {
      default: undefined,
      proxyOnly: undefined,
    };
    before(async () => {
      for (const [name, list] of [
        ['default', DEFAULT_TRUSTED_PROXIES],
        ['proxyOnly', PROXY_ONLY],
      ] as const) {
        const echo = await addressEcho([...list]);
        echoes[name] = echo;
        proxies[name] = await startReverseProxy({
          kind,
          masBaseUrl: echo.origin,
          synapseBaseUrl: echo.origin,
        });
      }
    });
    after(async () => {
      for (const name of ['default', 'proxyOnly'] as const) {
        await proxies[name]?.stop();
        await echoes[name]?.close();
      }
    });

    for (const name of ['default', 'proxyOnly'] as const) {
      it(`should be the caller's address, even with a forged X-Forwarded-For (trusted_proxies: ${name})`, async () => {
        const base = proxies[name]?.baseUrl ?? '';
        assert.equal(await seenAddress(base), PROXY_CLIENT_ADDRESS);
        assert.equal(await seenAddress(base, { 'X-Forwarded-For': FORGED }), PROXY_CLIENT_ADDRESS);
      });
    }
  });
}

describe('trusted_proxies without a proxy in front (Express, as src/app/create-app.ts)', () => {
  let proxyOnly: LoopbackServer;
  let loopbackTrusted: LoopbackServer;
  before(async () => {
    proxyOnly = await addressEcho(PROXY_ONLY);
    loopbackTrusted = await addressEcho([...DEFAULT_TRUSTED_PROXIES]);
  });
  after(async () => {
    await proxyOnly?.close();
    await loopbackTrusted?.close();
  });

  it("should be what TRUST_PROXY_CONFIG makes mas-ts's http.trusted_proxies", async () => {
    const config = await createTestConfig(TRUST_PROXY_CONFIG);
    assert.deepEqual(config.http.trusted_proxies, PROXY_ONLY);
  });

  it('should ignore X-Forwarded-For from a caller that is not a trusted proxy', async () => {
    assert.equal(
      await seenAddress(proxyOnly.origin, { 'X-Forwarded-For': FORGED }),
      PROXY_CLIENT_ADDRESS,
    );
  });

  it('should believe X-Forwarded-For from any loopback caller by default (why the harness narrows it)', async () => {
    assert.equal(await seenAddress(loopbackTrusted.origin, { 'X-Forwarded-For': FORGED }), FORGED);
  });
});
