import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeWithSynapse,
  pinnedSynapseVersion,
  startSynapse,
  synapseUnavailable,
} from '../setup/synapse';
import { startLoopbackServer } from '../setup/loopback-server';

/** Nothing listens here: Synapse fetches mas-ts's metadata lazily, so it starts without it. */
const NOWHERE = 'http://127.0.0.1:9/';

/** An msc3861 block as the older setup writes it; nothing needs to answer at the issuer. */
const MSC3861 = {
  issuer: NOWHERE,
  clientId: '0000000000000000000SYNAPSE',
  clientAuthMethod: 'client_secret_basic',
  clientSecret: 'harness-client-secret',
  adminToken: 'harness-secret',
} as const;

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

  it('should name a port taken by another process in its error (what startSynapse retries on)', async () => {
    // It answers 503, so Synapse's health check cannot mistake it for Synapse.
    const squatter = await startLoopbackServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    try {
      await assert.rejects(
        startSynapse({ masEndpoint: NOWHERE, secret: 'harness-secret', port: squatter.port }),
        /Address already in use/,
      );
    } finally {
      await squatter.close();
    }
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

    it('should refuse the older experimental_features.msc3861 block (Synapse ≥ 1.157)', async () => {
      await assert.rejects(
        startSynapse({ flavour: 'current', msc3861: MSC3861 }),
        /experimental_features\.msc3861 was removed/,
      );
    });
  });
});

describeWithSynapse(
  `real Synapse harness, legacy pin (${pinnedSynapseVersion('legacy')})`,
  () => {
    it('should start the legacy Synapse with experimental_features.msc3861', async () => {
      const synapse = await startSynapse({ msc3861: MSC3861 });
      try {
        assert.equal((await fetch(`${synapse.baseUrl}/health`)).status, 200);
        assert.match(synapse.log(), new RegExp(`version ${pinnedSynapseVersion('legacy')}`));
      } finally {
        await synapse.stop();
      }
    });
  },
  'legacy',
);

describe('finding the Synapse venvs (test/setup/synapse.ts)', () => {
  let scratch: string;
  const saved = process.env.SYNAPSE_LEGACY_VENV;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mas-ts-venv-'));
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SYNAPSE_LEGACY_VENV;
    else process.env.SYNAPSE_LEGACY_VENV = saved;
  });
  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A folder that looks like a venv: an executable bin/python, and the marker if given. */
  function fakeVenv(name: string, marker?: string): string {
    const venv = join(scratch, name);
    mkdirSync(join(venv, 'bin'), { recursive: true });
    writeFileSync(join(venv, 'bin/python'), '#!/bin/sh\n');
    chmodSync(join(venv, 'bin/python'), 0o755);
    if (marker !== undefined) writeFileSync(join(venv, '.installed-synapse-version'), marker);
    return venv;
  }

  it('should name the legacy install command when the legacy venv is missing', () => {
    process.env.SYNAPSE_LEGACY_VENV = join(scratch, 'absent');
    const why = synapseUnavailable('legacy');
    assert.ok(why);
    assert.match(why, /no Synapse \S+ venv at .*absent/);
    assert.match(
      why,
      /run test\/synapse\/install-synapse\.sh legacy \(or set SYNAPSE_LEGACY_VENV\)/,
    );
  });

  it('should count a legacy venv without its marker as incomplete', () => {
    process.env.SYNAPSE_LEGACY_VENV = fakeVenv('half');
    assert.match(synapseUnavailable('legacy') ?? '', /is incomplete/);
  });

  it('should refuse a legacy venv holding another version than the legacy pin', () => {
    process.env.SYNAPSE_LEGACY_VENV = fakeVenv('other', pinnedSynapseVersion('current'));
    assert.match(
      synapseUnavailable('legacy') ?? '',
      new RegExp(
        `holds ${pinnedSynapseVersion('current')}, not the pinned ${pinnedSynapseVersion('legacy')}`,
      ),
    );
  });

  it('should accept a legacy venv whose marker is the legacy pin, whatever the current venv', () => {
    process.env.SYNAPSE_LEGACY_VENV = fakeVenv('good', `${pinnedSynapseVersion('legacy')}\n`);
    assert.equal(synapseUnavailable('legacy'), null);
  });

  it('should pin the legacy Synapse to a release that still accepts msc3861 (≤ 1.156)', () => {
    const [major, minor] = pinnedSynapseVersion('legacy').split('.').map(Number);
    assert.equal(major, 1);
    assert.ok(minor <= 156, pinnedSynapseVersion('legacy'));
  });
});
