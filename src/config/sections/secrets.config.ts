import type { ConfigProblem } from '../config-error';
import { atMostOne, exactlyOne, type CrossChecked } from '../validation/cross-check';
import { NestedList, Opt, Rule, Str } from '../validation/rules';
import { dirEntries, fileBytes, fileText, secretValue } from '../validation/secret-files';

const HEX_32_BYTES = /^[0-9a-fA-F]{64}$/;
const isHexKey = (v: unknown): boolean => typeof v === 'string' && HEX_32_BYTES.test(v);

/** One signing key loaded from the configuration, not yet parsed. */
export interface KeyEntry {
  kid?: string;
  /** PEM (inline `key` as UTF-8) or the raw bytes of a `key_file` / `keys_dir` file (PEM or DER). */
  material: Buffer;
  password?: string;
}

/** One entry of `secrets.keys` (MAS docs/reference/configuration.md#secretskeys). */
export class KeyConfig implements CrossChecked {
  /** JWK `kid`; derived from the key when absent. */
  @Opt() @Str() kid?: string;
  @Opt() @Str() key?: string;
  @Opt() @Str() key_file?: string;
  /** Password of an encrypted PKCS#8 key. */
  @Opt() @Str() password?: string;
  @Opt() @Str() password_file?: string;

  static inline(key: string, kid?: string): KeyConfig {
    return Object.assign(new KeyConfig(), { kid, key });
  }

  crossCheck(): ConfigProblem[] {
    return [
      ...exactlyOne(this, 'key', 'key_file'),
      ...atMostOne(this, 'password', 'password_file'),
    ];
  }

  entry(): KeyEntry {
    const material =
      typeof this.key === 'string' ? Buffer.from(this.key, 'utf8') : fileBytes(this, 'key_file');
    const password = secretValue(this, 'password', 'password_file');
    return {
      material,
      ...(this.kid !== undefined && this.kid !== null ? { kid: this.kid } : {}),
      ...(password !== undefined ? { password } : {}),
    };
  }
}

/** `secrets`: encryption key and signing keys (MAS docs/reference/configuration.md#secrets). */
export class SecretsConfig implements CrossChecked {
  /** 32 bytes, hex-encoded. */
  @Opt() @Rule('hexKey', isHexKey, 'must be 64 hex characters (32 bytes)') encryption?: string;
  @Opt() @Str() encryption_file?: string;

  @NestedList(() => KeyConfig) keys: KeyConfig[] = [];

  /** Directory whose every file is a signing key without password. */
  @Opt() @Str() keys_dir?: string;

  crossCheck(): ConfigProblem[] {
    return exactlyOne(this, 'encryption', 'encryption_file');
  }

  /** Problems with the content of `encryption_file`, checked by the loader after reading it. */
  fileContentProblems(): ConfigProblem[] {
    if (typeof this.encryption_file !== 'string') return [];
    return isHexKey(fileText(this, 'encryption_file').trim())
      ? []
      : [{ path: 'encryption_file', message: 'file must contain 64 hex characters (32 bytes)' }];
  }

  /** The 32-byte encryption key, inline or from `encryption_file`. */
  encryptionKey(): Buffer {
    const hex = this.encryption ?? fileText(this, 'encryption_file').trim();
    return Buffer.from(hex, 'hex');
  }

  /** Every signing key: `keys` in order, then each file of `keys_dir` sorted by name. */
  keyEntries(): KeyEntry[] {
    const inline = this.keys.map((k) => k.entry());
    const fromDir =
      typeof this.keys_dir === 'string'
        ? dirEntries(this, 'keys_dir').map((e) => ({ material: e.content }))
        : [];
    return [...inline, ...fromDir];
  }
}
