/** Key types MAS accepts in `secrets.keys` (MAS `crates/keystore`). */
export type KeyKind = 'rsa' | 'ec-p256' | 'ec-p384' | 'ec-k256';

/** JWS algorithms each key type can produce: RFC 7518 §3.1, RFC 8812 §3.2 (ES256K). */
export const ALGORITHMS_BY_KIND: Readonly<Record<KeyKind, readonly string[]>> = {
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  'ec-p256': ['ES256'],
  'ec-p384': ['ES384'],
  'ec-k256': ['ES256K'],
};

/** OpenSSL curve names as reported by node:crypto `asymmetricKeyDetails.namedCurve`. */
export const KIND_BY_CURVE: Readonly<Record<string, KeyKind>> = {
  prime256v1: 'ec-p256',
  secp384r1: 'ec-p384',
  secp256k1: 'ec-k256',
};
