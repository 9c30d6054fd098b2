import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { dumpConfig } from './dump-config';
import { generatedBase, writeTemp } from './fixtures/temp-files';
import { loadConfigFiles } from './load-config';

describe('dumpConfig', () => {
  it('should print the merged, defaulted config that loads back to the same values', async () => {
    const { config } = await loadConfigFiles(
      writeTemp(
        generatedBase(),
        'branding:\n  service_name: Example\nhttp:\n  listeners:\n    - resources: [{ name: health }]\n      binds: [{ socket: /tmp/mas.sock, mode: "600" }]\n',
      ),
    );
    const dumped = dumpConfig(config);
    const plain = parse(dumped) as Record<string, Record<string, unknown>>;
    assert.equal(plain.branding.service_name, 'Example');
    assert.equal((plain.rate_limiting.registration as { burst: number }).burst, 3);
    assert.equal(plain.database.data_dir, 'data/pglite');
    const again = await loadConfigFiles(writeTemp(dumped));
    assert.deepEqual(again.warnings, []);
    assert.equal(dumpConfig(again.config), dumped);
    assert.equal(again.config.http.listeners[0].binds[0].mode, 0o600);
  });

  it('should not print internal fields or accessors', async () => {
    const { config } = await loadConfigFiles(writeTemp(generatedBase()));
    const dumped = dumpConfig(config);
    assert.doesNotMatch(dumped, /publicBaseUrl|issuerUrl|Symbol|material/);
  });
});
