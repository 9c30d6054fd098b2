import type { KeyObject } from 'node:crypto';
import { decodeProtectedHeader, type JWK } from 'jose';
import { InvalidJwtError, KeystoreError, NoSigningKeyError } from '../errors/core-errors';
import { ALGORITHMS_BY_KIND, type KeyKind } from './key-kind';
import { signCompact, verifyCompact, type JwtHeader } from './jws';
import { loadPrivateKey } from './load-private-key';
import { jwkThumbprint, publicJwk } from './public-jwk';

/** One `secrets.keys` entry: key bytes (PEM or DER) and the optional `kid` and `password`. */
export interface KeystoreEntry {
  kid?: string;
  material: Buffer;
  password?: string;
}

interface StoredKey {
  kid: string;
  kind: KeyKind;
  privateKey: KeyObject;
  publicJwk: JWK;
}

export interface VerifiedJwt {
  header: JwtHeader;
  payload: Record<string, unknown>;
}

/** The service's signing keys (MAS `secrets.keys`), in configuration order. */
export class Keystore {
  private constructor(private readonly keys: readonly StoredKey[]) {}

  /** Throws {@link KeystoreError} naming the entry index of the first bad key. */
  static load(entries: readonly KeystoreEntry[]): Keystore {
    const keys: StoredKey[] = [];
    const kids = new Set<string>();
    entries.forEach((entry, index) => {
      let loaded;
      try {
        loaded = loadPrivateKey(entry.material, entry.password);
      } catch (cause) {
        throw new KeystoreError(`secrets.keys[${index}]: ${(cause as Error).message}`, { cause });
      }
      const jwk = publicJwk(loaded.privateKey);
      const kid = entry.kid ?? jwkThumbprint(jwk);
      if (kid === '') {
        throw new KeystoreError(`secrets.keys[${index}]: kid must not be empty`);
      }
      if (kids.has(kid)) {
        throw new KeystoreError(`secrets.keys[${index}]: duplicate kid ${JSON.stringify(kid)}`);
      }
      kids.add(kid);
      keys.push({ kid, kind: loaded.kind, privateKey: loaded.privateKey, publicJwk: jwk });
    });
    if (!keys.some((key) => key.kind === 'rsa')) {
      throw new KeystoreError('secrets.keys: at least one RSA key is required');
    }
    return new Keystore(keys);
  }

  /**
   * The public JWK Set (RFC 7517 §5) for `/oauth2/keys.json`. `alg` is set only on keys that serve
   * a single algorithm (EC); an RSA key serves RS* and PS*, and a JWK `alg` would pin it to one.
   */
  publicJwks(): { keys: JWK[] } {
    return {
      keys: this.keys.map((key) => {
        const algs = ALGORITHMS_BY_KIND[key.kind];
        return {
          ...key.publicJwk,
          kid: key.kid,
          use: 'sig',
          ...(algs.length === 1 ? { alg: algs[0] } : {}),
        };
      }),
    };
  }

  /** Every JWS `alg` at least one key can produce, in a stable order. */
  signingAlgorithms(): string[] {
    const kinds = new Set(this.keys.map((key) => key.kind));
    return (Object.keys(ALGORITHMS_BY_KIND) as KeyKind[])
      .filter((kind) => kinds.has(kind))
      .flatMap((kind) => ALGORITHMS_BY_KIND[kind]);
  }

  /**
   * Signs `claims` with the first key (configuration order) that supports `alg` and sets `kid`.
   * Throws {@link NoSigningKeyError} when no key supports `alg`.
   */
  async signJwt(
    claims: Record<string, unknown>,
    alg = 'RS256',
    headerExtras: Record<string, unknown> = {},
  ): Promise<string> {
    const key = this.keys.find((candidate) => ALGORITHMS_BY_KIND[candidate.kind].includes(alg));
    if (key === undefined) {
      throw new NoSigningKeyError(alg);
    }
    return signCompact({ ...headerExtras, alg, kid: key.kid }, claims, key.privateKey);
  }

  /**
   * Verifies the signature of a JWT this keystore signed (tests, internal round trips). Claims
   * such as `exp` and `aud` are not checked. Throws {@link InvalidJwtError}.
   */
  async verifyJwt(jwt: string): Promise<VerifiedJwt> {
    let header: JwtHeader;
    try {
      header = decodeProtectedHeader(jwt) as JwtHeader;
    } catch (cause) {
      throw new InvalidJwtError('malformed JWT header', { cause });
    }
    const key = this.keys.find((candidate) => candidate.kid === header.kid);
    if (key === undefined || !ALGORITHMS_BY_KIND[key.kind].includes(header.alg)) {
      throw new InvalidJwtError('JWT names no matching key for its kid and alg');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(
        Buffer.from(await verifyCompact(jwt, header.alg, key.privateKey)).toString(),
      );
    } catch (cause) {
      throw new InvalidJwtError('JWT signature or payload is invalid', { cause });
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new InvalidJwtError('JWT payload is not a JSON object');
    }
    return { header, payload: payload as Record<string, unknown> };
  }
}
