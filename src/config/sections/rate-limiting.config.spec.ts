import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../config-error';
import { writeTemp } from '../fixtures/temp-files';
import { loadConfigFiles } from '../load-config';

const MINIMAL = `matrix:\n  secret: s3cret\nsecrets:\n  encryption: "${'ab'.repeat(32)}"\n`;

async function messagesOf(limiter: string): Promise<Map<string, string>> {
  const yaml = `rate_limiting:\n  login:\n    per_ip: ${limiter}\n`;
  try {
    await loadConfigFiles(writeTemp(MINIMAL, yaml));
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return new Map(error.problems.map((p) => [p.path, p.message]));
  }
  return new Map();
}

describe('rate_limiting limiters', () => {
  it('should refuse a burst of 0 or a fractional burst, as MAS (NonZeroU32)', async () => {
    for (const burst of ['0', '2.5', '-1']) {
      const problems = await messagesOf(`{ burst: ${burst}, per_second: 1 }`);
      assert.equal(
        problems.get('rate_limiting.login.per_ip.burst'),
        'must be an integer between 1 and 4294967295',
        burst,
      );
    }
  });

  it('should refuse a per_second of 0, below 0 or above 1e9, as MAS', async () => {
    for (const perSecond of ['0', '-0.5', '1000000001', '.inf']) {
      const problems = await messagesOf(`{ burst: 3, per_second: ${perSecond} }`);
      assert.equal(
        problems.get('rate_limiting.login.per_ip.per_second'),
        'must be a number more than 0 and at most 1000000000',
        perSecond,
      );
    }
  });

  it('should accept the smallest and largest values MAS accepts', async () => {
    assert.deepEqual(await messagesOf('{ burst: 1, per_second: 0.000001 }'), new Map());
    assert.deepEqual(await messagesOf('{ burst: 4294967295, per_second: 1000000000 }'), new Map());
  });
});
