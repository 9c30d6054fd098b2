import { DomainError } from './domain-error';

export type TokenFormatProblem = 'format' | 'prefix' | 'checksum';

/** A token string does not have the `<prefix>_<random>_<crc>` shape or its checksum is wrong. */
export class TokenFormatError extends DomainError {
  readonly code = 'invalid_token_format';

  constructor(
    readonly problem: TokenFormatProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Ciphertext was tampered with, is malformed, or was encrypted under another key. */
export class DecryptionError extends DomainError {
  readonly code = 'decryption_failed';
}

/** The configured `secrets.encryption` key is not 32 bytes. */
export class EncryptionKeyError extends DomainError {
  readonly code = 'invalid_encryption_key';
}

/** A configured signing key could not be loaded or the key set is unusable. */
export class KeystoreError extends DomainError {
  readonly code = 'invalid_keystore';
}

/** No key in the keystore can sign with the requested JWS algorithm. */
export class NoSigningKeyError extends DomainError {
  readonly code = 'no_signing_key';

  constructor(readonly alg: string) {
    super(`no signing key available for algorithm ${alg}`);
  }
}

/** A JWT is malformed, names an unknown key, or its signature does not verify. */
export class InvalidJwtError extends DomainError {
  readonly code = 'invalid_jwt';
}
