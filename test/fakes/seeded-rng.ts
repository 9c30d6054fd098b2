import { createHash } from 'node:crypto';
import type { Clock } from '../../src/core/clock';
import { Rng } from '../../src/core/rng';
import { encodeUlid } from '../../src/core/ulid';
import { FakeClock } from './fake-clock';

/**
 * Deterministic Rng for tests: a SHA-256 counter-mode stream over the seed, so the same seed
 * always yields the same bytes, tokens and ULIDs (ULID time comes from the given clock).
 */
export class SeededRng extends Rng {
  private counter = 0;
  private buffer = Buffer.alloc(0);

  constructor(
    private readonly seed: string | number = 'mas-ts',
    private readonly clock: Clock = new FakeClock(),
  ) {
    super();
  }

  bytes(n: number): Buffer {
    while (this.buffer.length < n) {
      const block = createHash('sha256').update(`${this.seed}:${this.counter++}`).digest();
      this.buffer = Buffer.concat([this.buffer, block]);
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return Buffer.from(out);
  }

  ulid(): string {
    return encodeUlid(this.clock.now().getTime(), this.bytes(10));
  }
}
