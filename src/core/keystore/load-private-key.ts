import { createPrivateKey, type KeyObject } from 'node:crypto';
import { KIND_BY_CURVE, type KeyKind } from './key-kind';

/** RFC 7518 §3.3: RSA keys of 2048 bits or larger MUST be used with RS* / PS*. */
const MIN_RSA_BITS = 2048;

const PEM_LABELS = new Set([
  'RSA PRIVATE KEY',
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'EC PRIVATE KEY',
]);

export interface LoadedKey {
  kind: KeyKind;
  privateKey: KeyObject;
}

/**
 * Parses PKCS#1 (RSA), PKCS#8 (optionally encrypted) or SEC1 (EC), as PEM or DER. Throws a plain
 * `Error` describing the problem; the keystore wraps it with the entry index.
 */
export function loadPrivateKey(material: Buffer, password?: string): LoadedKey {
  const privateKey = isPem(material) ? fromPem(material, password) : fromDer(material, password);
  return { kind: classify(privateKey), privateKey };
}

function isPem(material: Buffer): boolean {
  return material.toString('latin1').trimStart().startsWith('-----BEGIN ');
}

function fromPem(material: Buffer, password: string | undefined): KeyObject {
  const text = material.toString('utf8');
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? '';
  if (!PEM_LABELS.has(label)) {
    throw new Error(
      `unsupported PEM block "${label}" (expected RSA PRIVATE KEY, PRIVATE KEY, ` +
        'ENCRYPTED PRIVATE KEY or EC PRIVATE KEY)',
    );
  }
  const encrypted = label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(text);
  if (encrypted && password === undefined) {
    throw new Error('key is encrypted but no password was given');
  }
  return parse(() => createPrivateKey({ key: text, format: 'pem', passphrase: password }));
}

function fromDer(der: Buffer, password: string | undefined): KeyObject {
  if (password !== undefined) {
    return parse(() =>
      createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: password }),
    );
  }
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return createPrivateKey({ key: der, format: 'der', type });
    } catch (error) {
      if (errorCode(error) === 'ERR_MISSING_PASSPHRASE') {
        throw new Error('key is encrypted but no password was given');
      }
    }
  }
  throw new Error('not a PKCS#1, PKCS#8 or SEC1 private key in PEM or DER form');
}

function parse(load: () => KeyObject): KeyObject {
  try {
    return load();
  } catch (error) {
    if (errorCode(error) === 'ERR_OSSL_BAD_DECRYPT') {
      throw new Error('could not decrypt the key: wrong password');
    }
    throw new Error(`could not parse the key: ${(error as Error).message}`);
  }
}

function classify(key: KeyObject): KeyKind {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) {
      throw new Error(`RSA key is ${bits} bits; at least ${MIN_RSA_BITS} are required`);
    }
    return 'rsa';
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? 'unknown';
    const kind = KIND_BY_CURVE[curve];
    if (kind === undefined) {
      throw new Error(`unsupported EC curve ${curve} (supported: P-256, P-384, secp256k1)`);
    }
    return kind;
  }
  throw new Error(
    `unsupported key type ${type ?? 'unknown'} (supported: RSA, EC P-256, EC P-384, EC secp256k1)`,
  );
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}
