import type { PasswordSchemeConfig, PasswordsConfig } from '../config';
import { Rng } from '../core';
import { argon2idAlgorithm } from './algorithms/argon2id.algorithm';
import { bcryptAlgorithm } from './algorithms/bcrypt.algorithm';
import { SALT_BYTES, type PasswordAlgorithm } from './algorithms/password-algorithm';
import { pbkdf2Algorithm } from './algorithms/pbkdf2.algorithm';
import { PasswordsDisabled, UnknownPasswordScheme } from './password-errors';

/** A hash and the `passwords.schemes[].version` that produced it (`user_passwords.version`). */
export interface HashedPassword {
  hash: string;
  version: number;
}

/** The outcome of checking a password against a stored hash. */
export interface PasswordVerification {
  ok: boolean;
  /** True when `ok` and the hash was made by an older scheme than the current one. */
  needsUpgrade: boolean;
}

/** One configured scheme, ready to use. */
interface Scheme {
  version: number;
  algorithm: PasswordAlgorithm;
  pepper: Buffer | undefined;
  unicodeNormalization: boolean;
}

function schemeFromConfig(config: PasswordSchemeConfig): Scheme {
  const secret = config.secretValue();
  const algorithm = (() => {
    switch (config.algorithm) {
      case 'argon2id':
        return argon2idAlgorithm;
      case 'bcrypt':
        return bcryptAlgorithm(config.bcryptCost());
      case 'pbkdf2':
        return pbkdf2Algorithm;
    }
  })();
  return {
    version: config.version,
    algorithm,
    pepper: secret === undefined ? undefined : Buffer.from(secret, 'utf8'),
    unicodeNormalization: config.unicode_normalization === true,
  };
}

/**
 * Hashes and verifies passwords with the versioned `passwords.schemes` (MAS
 * crates/handlers/src/passwords.rs, docs/reference/configuration.md#passwords): the highest
 * version hashes new passwords, the others only verify existing hashes, and a successful
 * verification under an older version asks for an upgrade. All hashing runs on the libuv
 * thread pool, never on the event loop. Provided by PasswordsModule.
 */
export class PasswordHasher {
  private readonly schemes: Map<number, Scheme>;
  private readonly current: Scheme | undefined;
  private dummy: Promise<HashedPassword> | undefined;

  constructor(
    config: PasswordsConfig,
    private readonly rng: Rng,
  ) {
    const schemes = config.enabled ? config.schemes.map(schemeFromConfig) : [];
    schemes.sort((a, b) => b.version - a.version);
    this.schemes = new Map(schemes.map((s) => [s.version, s]));
    this.current = schemes[0];
  }

  /** False when `passwords.enabled` is false: password login is refused. */
  get enabled(): boolean {
    return this.current !== undefined;
  }

  /** The version new hashes get; throws PasswordsDisabled when passwords are disabled. */
  get currentVersion(): number {
    return this.currentScheme().version;
  }

  /** Hashes `password` with the current (highest) scheme. */
  async hash(password: string): Promise<HashedPassword> {
    const scheme = this.currentScheme();
    const hash = await scheme.algorithm.hash(
      encode(scheme, password),
      scheme.pepper,
      this.rng.bytes(SALT_BYTES),
    );
    return { hash, version: scheme.version };
  }

  /**
   * Checks `password` against a stored hash made by scheme `version`. Throws
   * UnknownPasswordScheme when that version is no longer configured and MalformedPasswordHash
   * when the hash is unreadable (both are server-side problems, as in MAS).
   */
  async verify(hash: string, version: number, password: string): Promise<PasswordVerification> {
    const current = this.currentScheme();
    const scheme = this.schemes.get(version);
    if (!scheme) throw new UnknownPasswordScheme(version);
    const ok = await scheme.algorithm.verify(hash, encode(scheme, password), scheme.pepper);
    return { ok, needsUpgrade: ok && version !== current.version };
  }

  /**
   * Spends the time of a real verification and always fails: used when the account does not
   * exist or has no password, so that response times do not reveal which usernames exist.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(this.rng.alphanumeric(32));
    const { hash, version } = await this.dummy;
    await this.verify(hash, version, password);
    return false;
  }

  private currentScheme(): Scheme {
    if (!this.current) throw new PasswordsDisabled();
    return this.current;
  }
}

/** NFKC first when the scheme asks for it (Synapse normalises so before hashing), then UTF-8. */
function encode(scheme: Scheme, password: string): Buffer {
  return Buffer.from(scheme.unicodeNormalization ? password.normalize('NFKC') : password, 'utf8');
}
