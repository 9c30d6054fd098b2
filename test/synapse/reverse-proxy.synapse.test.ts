import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { loopbackRequest } from '../setup/loopback-client';
import { startRecordingUpstream, type RecordingUpstream } from '../setup/recording-upstream';
import {
  PROXY_CLIENT_ADDRESS,
  REVERSE_PROXY_KINDS,
  describeWithReverseProxy,
  startReverseProxy,
  type ReverseProxy,
} from '../setup/reverse-proxy';
import { describeWithSynapse, startSynapse, type SynapseServer } from '../setup/synapse';
import { COMPAT_REQUESTS } from '../proxy/matrix-routes';

/** Nothing listens here: none of the calls below makes Synapse ask mas-ts anything. */
const NOWHERE = 'http://127.0.0.1:9/';

describeWithSynapse('the reverse proxy in front of a real Synapse', () => {
  let synapse: SynapseServer;
  let mas: RecordingUpstream;

  before(async () => {
    synapse = await startSynapse({ masEndpoint: NOWHERE, secret: 'reverse-proxy-secret' });
    mas = await startRecordingUpstream('mas');
  });
  after(async () => {
    await synapse?.stop();
    await mas?.close();
  });

  it('should be needed: Synapse itself answers every compatibility path with 404 M_UNRECOGNIZED', async () => {
    for (const request of COMPAT_REQUESTS) {
      const direct = await loopbackRequest(`${synapse.baseUrl}${request.path}`, {
        method: request.method,
        headers: {
          ...(request.body !== undefined && { 'Content-Type': 'application/json' }),
          ...request.headers,
        },
        body: request.body,
      });
      assert.equal(direct.status, 404, `${request.method} ${request.path}`);
      assert.equal((JSON.parse(direct.body) as { errcode: string }).errcode, 'M_UNRECOGNIZED');
    }
  });

  for (const kind of REVERSE_PROXY_KINDS) {
    describeWithReverseProxy(kind, `through ${kind}`, () => {
      let proxy: ReverseProxy;
      before(async () => {
        proxy = await startReverseProxy({
          kind,
          masBaseUrl: mas.origin,
          synapseBaseUrl: synapse.baseUrl,
        });
      });
      after(async () => {
        await proxy?.stop();
      });

      const through = (path: string, init: Parameters<typeof loopbackRequest>[1] = {}) =>
        loopbackRequest(`${proxy.baseUrl}${path}`, { localAddress: PROXY_CLIENT_ADDRESS, ...init });

      it("should answer GET /_matrix/client/versions with Synapse's own answer", async () => {
        const direct = await loopbackRequest(`${synapse.baseUrl}/_matrix/client/versions`);
        const proxied = await through('/_matrix/client/versions');
        assert.equal(direct.status, 200);
        assert.equal(proxied.status, 200, proxy.log());
        const versions = JSON.parse(proxied.body) as { versions: string[] };
        assert.ok(versions.versions.includes('v1.11'), proxied.body);
        assert.deepEqual(versions, JSON.parse(direct.body));
      });

      it("should leave Synapse's other answers alone (whoami without a token)", async () => {
        const proxied = await through('/_matrix/client/v3/account/whoami');
        assert.equal(proxied.status, 401);
        assert.equal((JSON.parse(proxied.body) as { errcode: string }).errcode, 'M_MISSING_TOKEN');
      });

      it('should send the login Synapse 404s to mas-ts instead', async () => {
        const seen = mas.requests.length;
        const proxied = await through('/_matrix/client/v3/login');
        assert.equal(proxied.status, 200);
        assert.equal(proxied.headers['x-upstream'], 'mas');
        assert.equal(mas.requests.length, seen + 1);
        assert.equal(mas.requests[seen].path, '/_matrix/client/v3/login');
      });
    });
  }
});
