import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describeWithSynapse, startSynapse } from '../setup/synapse';

/** Nothing listens here: Synapse fetches mas-ts's metadata lazily, so it starts without it. */
const NOWHERE = 'http://127.0.0.1:9/';

describeWithSynapse('real Synapse harness (test/setup/synapse.ts)', () => {
  it('should start Synapse on loopback and, once stopped, free its port and remove its folder', async () => {
    const synapse = await startSynapse({ masEndpoint: NOWHERE, secret: 'harness-secret' });
    assert.match(synapse.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(synapse.serverName, 'synapse.test');
    assert.equal((await fetch(`${synapse.baseUrl}/health`)).status, 200);
    assert.match(synapse.log(), /Synapse now listening on TCP port/);
    await synapse.stop();
    assert.equal(existsSync(synapse.dir), false);
    await assert.rejects(fetch(`${synapse.baseUrl}/health`));
  });

  describe('a configuration Synapse refuses beside delegation (CONTRACTS §8)', () => {
    it("should fail to start, with Synapse's reason from its log in the error", async () => {
      await assert.rejects(
        startSynapse({
          masEndpoint: NOWHERE,
          secret: 'harness-secret',
          extraConfig: { enable_registration: true },
        }),
        (error: Error) => {
          assert.match(error.message, /Synapse's log/);
          assert.match(error.message, /Registration cannot be enabled when OAuth delegation/);
          const log = /\((\/\S+)\/homeserver\.log\)/.exec(error.message);
          assert.ok(log, 'the error names the log file');
          assert.equal(existsSync(log[1]), false, 'its folder is removed');
          return true;
        },
      );
    });
  });
});
