import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { startRecordingProxy, type RecordingProxy } from '../setup/recording-proxy';
import {
  describeWithSynapse,
  pinnedSynapseVersion,
  repositoryRoot,
  startSynapse,
  type SynapseServer,
} from '../setup/synapse';

const SERVER_NAME = 'synapse.test';

/** A Matrix error body (`{errcode, error}`). */
interface MatrixError {
  errcode: string;
  error: string;
}

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    assert.fail(`${res.url} answered ${res.status} with a body that is not JSON: ${text}`);
  }
}

describe('real Synapse: the pinned version', () => {
  it('should pin the Synapse version that docker-compose.yml runs', () => {
    const compose = readFileSync(join(repositoryRoot(), 'docker-compose.yml'), 'utf8');
    assert.match(compose, /image: matrixdotorg\/synapse:v(\S+)/);
    const image = /image: matrixdotorg\/synapse:v(\S+)/.exec(compose)![1];
    assert.equal(image, pinnedSynapseVersion());
  });
});

describeWithSynapse('real Synapse delegating authentication to mas-ts', () => {
  let mas: BrowserTestApp;
  let synapse: SynapseServer;
  let homeserverProxy: RecordingProxy | undefined;
  const secret = randomBytes(32).toString('hex');

  /** A request to Synapse; its log is attached when the status is not `status`. */
  async function expectStatus(path: string, status: number, init: RequestInit = {}) {
    const res = await fetch(`${synapse.baseUrl}${path}`, init);
    if (res.status !== status) {
      assert.fail(
        `${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}, expected ${status}\n` +
          `--- Synapse's log ---\n${synapse.log().split('\n').slice(-60).join('\n')}`,
      );
    }
    return res;
  }

  before(async () => {
    // mas-ts names Synapse before it starts: through a proxy bound first (see startSynapse).
    homeserverProxy = await startRecordingProxy(null);
    mas = await createBrowserTestApp({
      extraConfig: [
        'matrix:',
        `  homeserver: ${SERVER_NAME}`,
        `  endpoint: ${homeserverProxy.url}`,
        `  secret: ${secret}`,
        '',
      ].join('\n'),
    });
    synapse = await startSynapse({
      masEndpoint: mas.baseUrl,
      secret,
      serverName: SERVER_NAME,
    });
    homeserverProxy.setTarget(synapse.baseUrl);
  });
  after(async () => {
    await synapse?.stop();
    await homeserverProxy?.close();
    await mas?.close();
  });

  it('should start with matrix_authentication_service enabled and answer GET /health', async () => {
    const res = await expectStatus('/health', 200);
    assert.equal(await res.text(), 'OK');
  });

  it("should serve mas-ts's discovery document verbatim at /_matrix/client/v1/auth_metadata", async () => {
    const ours = await json(await fetch(mas.url('/.well-known/openid-configuration')));
    const res = await expectStatus('/_matrix/client/v1/auth_metadata', 200);
    const served = (await json(res)) as Record<string, unknown>;
    assert.deepEqual(served, ours);
    assert.equal(served.issuer, mas.baseUrl);
    assert.equal(served.account_management_uri, mas.url('/account'));
  });

  it('should serve the same document at the unstable MSC2965 auth_metadata path', async () => {
    const ours = await json(await fetch(mas.url('/.well-known/openid-configuration')));
    const res = await expectStatus(
      '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata',
      200,
    );
    assert.deepEqual(await json(res), ours);
  });

  it('should name our issuer at the unstable MSC2965 auth_issuer path', async () => {
    const res = await expectStatus('/_matrix/client/unstable/org.matrix.msc2965/auth_issuer', 200);
    assert.deepEqual(await json(res), { issuer: mas.baseUrl });
  });

  it('should leave the legacy login endpoints to mas-ts (404 M_UNRECOGNIZED)', async () => {
    const legacy: [string, string][] = [
      ['GET', '/_matrix/client/v3/login'],
      ['GET', '/_matrix/client/r0/login'],
      ['POST', '/_matrix/client/v3/login'],
      ['POST', '/_matrix/client/v3/logout'],
      ['POST', '/_matrix/client/v3/logout/all'],
      ['POST', '/_matrix/client/v3/refresh'],
    ];
    for (const [method, path] of legacy) {
      const res = await expectStatus(path, 404, { method });
      assert.equal(((await json(res)) as MatrixError).errcode, 'M_UNRECOGNIZED', path);
    }
  });

  it('should answer a request without an access token with 401 M_MISSING_TOKEN', async () => {
    const res = await expectStatus('/_matrix/client/v3/account/whoami', 401);
    assert.equal(((await json(res)) as MatrixError).errcode, 'M_MISSING_TOKEN');
  });

  it('should answer an unknown access token with 401 M_UNKNOWN_TOKEN after introspecting it at mas-ts', async () => {
    const res = await expectStatus('/_matrix/client/v3/account/whoami', 401, {
      headers: { Authorization: 'Bearer mat_NotATokenMasTsEverIssued0000_000000' },
    });
    assert.equal(((await json(res)) as MatrixError).errcode, 'M_UNKNOWN_TOKEN');
  });

  it('should accept the shared secret on the /_synapse/mas API that mas-ts calls', async () => {
    const path = '/_synapse/mas/is_localpart_available?localpart=alice';
    await expectStatus(path, 200, { headers: { Authorization: `Bearer ${secret}` } });
    const wrong = await expectStatus(path, 403, { headers: { Authorization: 'Bearer wrong' } });
    assert.equal(((await json(wrong)) as MatrixError).errcode, 'M_UNKNOWN');
  });
});
