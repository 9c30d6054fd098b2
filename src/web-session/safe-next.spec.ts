import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeNext, safeNextOrNull } from './safe-next';

describe('safeNext', () => {
  it('should keep relative paths on this service', () => {
    for (const path of ['/', '/consent/01H', '/account/?action=profile', '/a/b#c', '/%2F']) {
      assert.equal(safeNext(path), path);
    }
  });

  it('should replace anything leaving this service with /', () => {
    const unsafe = [
      '//evil.example',
      '//evil.example/path',
      'https://evil.example',
      'http:/evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'evil.example',
      ' /path',
      '',
      `/${'a'.repeat(3000)}`,
    ];
    for (const next of unsafe) assert.equal(safeNext(next), '/', JSON.stringify(next));
  });

  it('should ignore values that are not a single string', () => {
    assert.equal(safeNextOrNull(['/a', '/b']), null);
    assert.equal(safeNextOrNull(undefined), null);
    assert.equal(safeNextOrNull({ toString: () => '/a' }), null);
  });
});
