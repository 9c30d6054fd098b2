import type { ConfigProblem } from '../config-error';
import { atMostOne, type CrossChecked } from '../validation/cross-check';
import { Bool, Int, NestedList, OneOf, Opt, Str } from '../validation/rules';
import { secretValue } from '../validation/secret-files';

export const PASSWORD_ALGORITHMS = ['argon2id', 'bcrypt', 'pbkdf2'] as const;
export type PasswordAlgorithm = (typeof PASSWORD_ALGORITHMS)[number];

/** One entry of `passwords.schemes` (MAS docs/reference/configuration.md#passwords). */
export class PasswordSchemeConfig implements CrossChecked {
  /** Unique; the highest version hashes new passwords. */
  @Int(1) version!: number;
  @OneOf(PASSWORD_ALGORITHMS) algorithm!: PasswordAlgorithm;
  /** NFKC-normalise before hashing, as Synapse does. */
  @Opt() @Bool() unicode_normalization?: boolean;
  /** bcrypt cost; MAS default 12. */
  @Opt() @Int(4, 31) cost?: number;
  /** Pepper. */
  @Opt() @Str() secret?: string;
  @Opt() @Str() secret_file?: string;

  static of(version: number, algorithm: PasswordAlgorithm): PasswordSchemeConfig {
    return Object.assign(new PasswordSchemeConfig(), { version, algorithm });
  }

  crossCheck(): ConfigProblem[] {
    return atMostOne(this, 'secret', 'secret_file');
  }

  /** The pepper, inline or from `secret_file`. */
  secretValue(): string | undefined {
    return secretValue(this, 'secret', 'secret_file');
  }

  /** `cost` with MAS's default of 12. */
  bcryptCost(): number {
    return this.cost ?? 12;
  }
}

/** `passwords` (MAS docs/reference/configuration.md#passwords). */
export class PasswordsConfig implements CrossChecked {
  @Bool() enabled: boolean = true;

  /** zxcvbn score 0–4. */
  @Int(0, 4) minimum_complexity: number = 3;

  @NestedList(() => PasswordSchemeConfig)
  schemes: PasswordSchemeConfig[] = [PasswordSchemeConfig.of(1, 'argon2id')];

  crossCheck(): ConfigProblem[] {
    if (!Array.isArray(this.schemes)) return [];
    const problems: ConfigProblem[] = [];
    if (this.enabled === true && this.schemes.length === 0) {
      problems.push({ path: 'schemes', message: 'at least one scheme is required when enabled' });
    }
    const versions = this.schemes.map((s) => s?.version);
    if (new Set(versions).size !== versions.length) {
      problems.push({ path: 'schemes', message: 'versions must be unique' });
    }
    return problems;
  }
}
