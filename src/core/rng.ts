import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from './clock';
import { encodeUlid } from './ulid';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

/** Source of randomness; the abstract class is the Nest DI token. */
export abstract class Rng {
  abstract bytes(n: number): Buffer;

  /** A ULID whose timestamp comes from the injected clock. */
  abstract ulid(): string;

  /** `n` characters drawn uniformly from `[A-Za-z0-9]`. */
  alphanumeric(n: number): string {
    return this.pick(ALPHANUMERIC, n);
  }

  /** `n` characters drawn uniformly from `[0-9]`. */
  digits(n: number): string {
    return this.pick(DIGITS, n);
  }

  /** Rejection sampling: bytes at or above the largest multiple of the alphabet size are dropped. */
  private pick(alphabet: string, n: number): string {
    const limit = 256 - (256 % alphabet.length);
    let out = '';
    while (out.length < n) {
      for (const byte of this.bytes(n - out.length + 8)) {
        if (byte < limit) {
          out += alphabet[byte % alphabet.length];
          if (out.length === n) break;
        }
      }
    }
    return out;
  }
}

@Injectable()
export class CryptoRng extends Rng {
  constructor(private readonly clock: Clock) {
    super();
  }

  bytes(n: number): Buffer {
    return randomBytes(n);
  }

  ulid(): string {
    return encodeUlid(this.clock.now().getTime(), this.bytes(10));
  }
}
