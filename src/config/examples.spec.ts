import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError } from './config-error';
import { generatedBase, repoFile, writeTemp } from './fixtures/temp-files';
import { loadConfigFiles } from './load-config';

describe('example configurations', () => {
  it('should load config/example.yaml over generated secrets with no problems or warnings', async () => {
    const { config, warnings } = await loadConfigFiles([
      ...writeTemp(generatedBase()),
      repoFile('config/example.yaml'),
    ]);
    assert.deepEqual(warnings, []);
    assert.equal(config.http.issuerUrl, 'https://example.com/');
    assert.equal(config.database.mode(), 'server');
    assert.equal(config.upstream_oauth2.providers[0].claims_imports.localpart?.action, 'require');
  });

  it('should not ship private keys in config/', () => {
    for (const file of ['config/example.yaml', 'config/docker.yaml']) {
      assert.doesNotMatch(readFileSync(repoFile(file), 'utf8'), /BEGIN [A-Z ]*PRIVATE KEY/);
    }
  });

  it('should only miss the secret files of the volume in config/docker.yaml', async () => {
    await assert.rejects(loadConfigFiles([repoFile('config/docker.yaml')]), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.path).sort(), [
        'matrix.secret_file',
        'secrets.encryption_file',
        'secrets.keys_dir',
      ]);
      assert.deepEqual(error.warnings, []);
      return true;
    });
  });
});
