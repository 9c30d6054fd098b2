import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateConfig } from '../../src/config';
import { startLoopbackServer, type LoopbackServer } from '../setup/loopback-server';
import {
  startMasWithSynapse,
  SYNAPSE_SERVER_NAME,
  type MasWithSynapse,
} from '../setup/mas-with-synapse';
import {
  describeWithReverseProxy,
  startReverseProxy,
  type ReverseProxy,
} from '../setup/reverse-proxy';
import { runCliAsync } from '../setup/run-cli';
import { describeWithSynapse } from '../setup/synapse';
import { writeTempFiles } from '../setup/test-config';

/**
 * `mas-ts doctor` against a live deployment: mas-ts, a real Synapse delegating to it, and nginx
 * routing the compatibility paths as docs/reverse-proxy.md says, with the client well-known
 * served by a small loopback server (the server name is not a resolvable host here).
 */
describeWithSynapse('mas-ts doctor against a real Synapse', () => {
  let peers: MasWithSynapse;
  let wellKnown: LoopbackServer;
  let homeserverUrl = '';

  before(async () => {
    peers = await startMasWithSynapse();
    wellKnown = await startLoopbackServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ 'm.homeserver': { base_url: homeserverUrl } }));
    });
  });
  after(async () => {
    await wellKnown?.close();
    await peers?.close();
  });

  /** The server's own configuration, as the administrator would pass it to the doctor. */
  function configFor(secret: string): string[] {
    return writeTempFiles(
      generateConfig(),
      [
        'http:',
        `  public_base: "${peers.mas.baseUrl}"`,
        'matrix:',
        `  homeserver: ${SYNAPSE_SERVER_NAME}`,
        `  endpoint: "${peers.synapse.baseUrl}"`,
        `  secret: "${secret}"`,
        '',
      ].join('\n'),
    );
  }

  const doctor = (files: string[]) =>
    runCliAsync([
      ...files.flatMap((f) => ['-c', f]),
      'doctor',
      '--well-known-url',
      `${wellKnown.origin}/.well-known/matrix/client`,
    ]);

  describeWithReverseProxy('nginx', 'behind nginx', () => {
    let proxy: ReverseProxy;
    before(async () => {
      proxy = await startReverseProxy({
        masBaseUrl: peers.mas.baseUrl,
        synapseBaseUrl: peers.synapse.baseUrl,
      });
    });
    after(async () => {
      await proxy?.stop();
    });

    it('should pass every check of a working deployment (warning only about plain http)', async () => {
      homeserverUrl = proxy.baseUrl;
      const r = await doctor(configFor(peers.secret));
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}\n${peers.synapseLog()}`);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[0], /^⚠ the issuer http:\/\/127\.0\.0\.1:\d+\/ is not an https URL/);
      for (const expected of [
        /^✔ mas-ts serves its discovery document at /,
        /^✔ the client well-known at .* names the homeserver at http:\/\/127\.0\.0\.1:\d+\/$/,
        /^✔ the homeserver answers at /,
        /^✔ the homeserver sends clients to mas-ts /,
        /^✔ the homeserver refuses an unknown access token$/,
        /^✔ the homeserver accepts matrix\.secret$/,
        /^✔ legacy login, logout and refresh at .* reach mas-ts$/,
        /^8 checks: 7 ok, 1 warning\(s\), 0 error\(s\)$/,
      ]) {
        assert.ok(
          lines.some((l) => expected.test(l)),
          `${String(expected)} in\n${r.stdout}`,
        );
      }
    });

    it('should fail on a wrong shared secret, without printing either secret', async () => {
      homeserverUrl = proxy.baseUrl;
      const wrong = 'not-the-shared-secret-0123456789';
      const r = await doctor(configFor(wrong));
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, /^✖ the homeserver refused matrix\.secret \(403/m);
      assert.match(r.stdout, /matrix_authentication_service\.secret/);
      assert.equal(r.stderr, 'error: 1 check(s) failed\n');
      assert.ok(!r.stdout.includes(wrong) && !r.stdout.includes(peers.secret));
    });
  });

  it('should fail when legacy login reaches Synapse instead of mas-ts (no reverse proxy)', async () => {
    homeserverUrl = peers.synapse.baseUrl;
    const r = await doctor(configFor(peers.secret));
    assert.equal(r.status, 1, r.stdout);
    assert.match(
      r.stdout,
      /^✖ http:\/\/127\.0\.0\.1:\d+\/_matrix\/client\/v3\/login is not answered by mas-ts \(404 M_UNRECOGNIZED\)/m,
    );
    assert.match(r.stdout, /docs\/reverse-proxy\.md/);
  });
});
