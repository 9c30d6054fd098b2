import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';

export interface GeneratedKey {
  kid: string;
  /** PKCS#8 PEM. */
  pem: string;
}

export interface GeneratedSecrets {
  /** 32 random bytes, hex. */
  encryption: string;
  keys: GeneratedKey[];
  matrixSecret: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

function pkcs8(
  type: 'rsa' | 'ec',
  options: { modulusLength?: number; namedCurve?: string },
): string {
  const { privateKey } = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * Fresh secrets as MAS `config generate` makes them (crates/config/src/sections/secrets.rs):
 * one RSA 2048 key (RS256 is mandatory, OIDC Core §15.1), EC P-256 and EC P-384, each with a
 * random 10-character `kid`; no K-256 key (see docs/configuration.md).
 */
export function generateSecrets(): GeneratedSecrets {
  const keys = [
    pkcs8('rsa', { modulusLength: 2048 }),
    pkcs8('ec', { namedCurve: 'prime256v1' }),
    pkcs8('ec', { namedCurve: 'secp384r1' }),
  ].map((pem) => ({ kid: randomAlphanumeric(10), pem }));
  return {
    encryption: randomBytes(32).toString('hex'),
    keys,
    matrixSecret: randomAlphanumeric(32),
  };
}
