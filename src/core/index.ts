export { Clock, SystemClock } from './clock';
export { CoreModule } from './core.module';
export { Encrypter } from './crypto/encrypter';
export { DomainError } from './errors/domain-error';
export {
  InvalidBearerSecret,
  MissingBearerToken,
  OAuthError,
  type OAuthErrorCode,
  TemporarilyUnavailable,
} from './errors/oauth-error';
export {
  DecryptionError,
  EncryptionKeyError,
  InvalidJwtError,
  KeystoreError,
  NoSigningKeyError,
  TokenFormatError,
  type TokenFormatProblem,
} from './errors/core-errors';
export * from './keystore';
export { CryptoRng, Rng } from './rng';
export { isStorableUlid } from './ulid';
export * from './tokens';
