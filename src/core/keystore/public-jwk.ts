import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** Public members only (RFC 7517 §4, RFC 7518 §6.2.1 / §6.3.1): never `d`, `p`, `q`, `dp`, ... */
export function publicJwk(privateKey: KeyObject): JWK {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (jwk.kty === 'RSA') {
    return { kty: 'RSA', n: jwk.n, e: jwk.e };
  }
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/**
 * RFC 7638 JWK thumbprint (SHA-256, base64url): the required members in lexicographic order,
 * no whitespace (§3.2, §3.3). This is also what MAS uses as the default `kid`.
 */
export function jwkThumbprint(jwk: JWK): string {
  const canonical =
    jwk.kty === 'RSA'
      ? JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })
      : JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical, 'utf8').digest('base64url');
}
