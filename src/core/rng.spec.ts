import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeTime, isValid } from 'ulid';
import { FakeClock } from '../../test/fakes/fake-clock';
import { SeededRng } from '../../test/fakes/seeded-rng';
import { CryptoRng, Rng } from './rng';

/** An Rng whose bytes are scripted, to pin down rejection sampling. */
class ScriptedRng extends Rng {
  constructor(private readonly script: number[]) {
    super();
  }
  bytes(n: number): Buffer {
    return Buffer.from(this.script.splice(0, n).concat(Array<number>(n).fill(0)).slice(0, n));
  }
  ulid(): string {
    throw new Error('unused');
  }
}

describe('CryptoRng', () => {
  const clock = new FakeClock(new Date('2025-03-04T05:06:07.089Z'));
  const rng = new CryptoRng(clock);

  it('should return the requested number of bytes', () => {
    assert.equal(rng.bytes(0).length, 0);
    assert.equal(rng.bytes(33).length, 33);
    assert.notDeepEqual(rng.bytes(16), rng.bytes(16));
  });

  it('should draw alphanumerics of the requested length covering the whole alphabet', () => {
    const sample = rng.alphanumeric(20_000);
    assert.equal(sample.length, 20_000);
    assert.match(sample, /^[A-Za-z0-9]+$/);
    assert.equal(new Set(sample).size, 62);
    assert.equal(rng.alphanumeric(0), '');
  });

  it('should draw digits of the requested length covering 0-9', () => {
    const sample = rng.digits(5_000);
    assert.match(sample, /^[0-9]{5000}$/);
    assert.equal(new Set(sample).size, 10);
  });

  it('should mint valid ULIDs stamped with the injected clock', () => {
    const id = rng.ulid();
    assert.ok(isValid(id), id);
    assert.equal(decodeTime(id), clock.now().getTime());
    clock.advance(1000);
    assert.equal(decodeTime(rng.ulid()), clock.now().getTime());
    assert.notEqual(rng.ulid(), rng.ulid());
  });
});

describe('Rng rejection sampling', () => {
  it('should skip bytes that would bias the alphabet', () => {
    // 248 = 4 * 62 is the first rejected byte; 247 % 62 = 61 -> '9', 0 -> 'A'.
    assert.equal(new ScriptedRng([248, 255, 247, 0]).alphanumeric(2), '9A');
    // 250 = 25 * 10 is the first rejected byte for digits; 249 % 10 = 9.
    assert.equal(new ScriptedRng([250, 251, 249, 13]).digits(2), '93');
  });
});

describe('SeededRng', () => {
  it('should repeat its stream for the same seed and differ across seeds', () => {
    assert.deepEqual(new SeededRng('a').bytes(100), new SeededRng('a').bytes(100));
    assert.notDeepEqual(new SeededRng('a').bytes(100), new SeededRng('b').bytes(100));
    assert.equal(new SeededRng(1).alphanumeric(40), new SeededRng(1).alphanumeric(40));
  });

  it('should mint deterministic ULIDs from its clock', () => {
    const clock = new FakeClock(new Date('2030-01-01T00:00:00Z'));
    const id = new SeededRng('u', clock).ulid();
    assert.equal(id, new SeededRng('u', clock).ulid());
    assert.equal(decodeTime(id), Date.parse('2030-01-01T00:00:00Z'));
  });
});

describe('FakeClock', () => {
  it('should move only when set or advanced', () => {
    const clock = new FakeClock(new Date('2024-05-01T00:00:00Z'));
    assert.equal(clock.now().toISOString(), '2024-05-01T00:00:00.000Z');
    clock.advance(1500);
    assert.equal(clock.now().toISOString(), '2024-05-01T00:00:01.500Z');
    clock.set(new Date('2020-01-01T00:00:00Z'));
    assert.equal(clock.now().toISOString(), '2020-01-01T00:00:00.000Z');
  });
});
