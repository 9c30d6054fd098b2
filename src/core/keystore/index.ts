export { generateSigningKeyPem } from './generate-signing-key';
export type { KeyKind } from './key-kind';
export { Keystore, type KeystoreEntry, type VerifiedJwt } from './keystore';
export type { JwtHeader } from './jws';
