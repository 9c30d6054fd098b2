import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfigPaths } from './config-paths';

describe('resolveConfigPaths', () => {
  it('should prefer the CLI paths over MAS_CONFIG', () => {
    assert.deepEqual(resolveConfigPaths(['a.yaml', 'b.yaml'], { MAS_CONFIG: 'env.yaml' }), [
      'a.yaml',
      'b.yaml',
    ]);
  });

  it('should use a comma-separated MAS_CONFIG when no CLI path is given', () => {
    assert.deepEqual(resolveConfigPaths([], { MAS_CONFIG: 'one.yaml, two.yaml,' }), [
      'one.yaml',
      'two.yaml',
    ]);
  });

  it('should fall back to config.yaml', () => {
    assert.deepEqual(resolveConfigPaths([], {}), ['config.yaml']);
    assert.deepEqual(resolveConfigPaths([], { MAS_CONFIG: ' ' }), ['config.yaml']);
  });
});
