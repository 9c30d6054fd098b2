import { generateKeyPairSync } from 'node:crypto';
import type { KeyKind } from './key-kind';

const CURVE_BY_KIND: Readonly<Record<Exclude<KeyKind, 'rsa'>, string>> = {
  'ec-p256': 'prime256v1',
  'ec-p384': 'secp384r1',
  'ec-k256': 'secp256k1',
};

/** A new private key as PKCS#8 PEM, for `config generate` (MAS generates 2048-bit RSA keys). */
export function generateSigningKeyPem(kind: KeyKind): string {
  const { privateKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: CURVE_BY_KIND[kind] });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
