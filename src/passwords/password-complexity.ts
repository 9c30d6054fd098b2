import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { DomainError } from '../core';

/** The longest prefix zxcvbn looks at: its cost grows with length, and longer is strong anyway. */
const MAX_SCORED_LENGTH = 128;

/** A new password scores below `passwords.minimum_complexity`. */
export class PasswordTooWeak extends DomainError {
  readonly code = 'password_too_weak';

  constructor(
    readonly score: number,
    readonly minimum: number,
  ) {
    super(`the password is too weak (zxcvbn score ${score}, at least ${minimum} is required)`);
  }
}

/**
 * The strength of new passwords as MAS judges it (`is_password_complex_enough`): the zxcvbn
 * score 0–4, against the common and English dictionaries and keyboard patterns, must reach
 * `passwords.minimum_complexity`. Only new passwords are judged, never ones being verified.
 */
export class PasswordComplexity {
  private readonly zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });

  constructor(private readonly minimum: number) {}

  /** `passwords.minimum_complexity`: the lowest score a new password may have. */
  get minimumScore(): number {
    return this.minimum;
  }

  /** The zxcvbn score of `password`, 0 (guessable) to 4. */
  score(password: string): number {
    return this.zxcvbn.check(password.slice(0, MAX_SCORED_LENGTH)).score;
  }

  /** Throws PasswordTooWeak when `password` scores below the minimum. */
  check(password: string): void {
    const score = this.score(password);
    if (score < this.minimum) throw new PasswordTooWeak(score, this.minimum);
  }
}
