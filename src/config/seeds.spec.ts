import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatedBase, writeTemp } from './fixtures/temp-files';
import { MAS_SEED_SNIPPETS, SYNAPSE_SEED_SNIPPETS } from './fixtures/seed-snippets';
import { loadConfigFiles } from './load-config';

describe('seed snippets', () => {
  for (const [name, yaml] of Object.entries(MAS_SEED_SNIPPETS)) {
    it(`should load the ${name} snippet over a generated config without problems or warnings`, async () => {
      const { warnings } = await loadConfigFiles(writeTemp(generatedBase(), yaml));
      assert.deepEqual(warnings, []);
    });
  }

  it('should take the values of the seed snippets', async () => {
    const { config } = await loadConfigFiles(
      writeTemp(generatedBase(), MAS_SEED_SNIPPETS['002 clients'], MAS_SEED_SNIPPETS['004 matrix']),
    );
    assert.equal(config.clients[0].client_id, '0000000000000000000SYNAPSE');
    assert.equal(config.clients[0].clientSecret(), 'SomeRandomSecret');
    assert.equal(config.matrix.homeserver, 'example.com');
    assert.equal(config.matrix.endpointUrl, 'http://localhost:8008/');
    assert.equal(config.matrix.sharedSecret(), 'AVeryRandomSecretPleaseUseSomethingSecure');
  });

  for (const [name, yaml] of Object.entries(SYNAPSE_SEED_SNIPPETS)) {
    it(`should load the Synapse-side ${name} snippet with only unknown-key warnings`, async () => {
      const { warnings } = await loadConfigFiles(writeTemp(generatedBase(), yaml));
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].message, 'unknown key, ignored');
    });
  }
});
