import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { compactVerify, SignJWT, type JWSHeaderParameters } from 'jose';

/** ES256K (RFC 8812 §3.2) is outside jose v6, so it is produced with node:crypto directly. */
const ES256K = 'ES256K';

export type JwtHeader = JWSHeaderParameters & { alg: string };

/** Produces a JWS Compact Serialization (RFC 7515 §7.1) of `claims` with `header`. */
export async function signCompact(
  header: JwtHeader,
  claims: Record<string, unknown>,
  privateKey: KeyObject,
): Promise<string> {
  if (header.alg === ES256K) {
    const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${signature.toString('base64url')}`;
  }
  return new SignJWT(claims).setProtectedHeader(header).sign(privateKey);
}

/** Checks the signature only; returns the decoded payload bytes or throws. */
export async function verifyCompact(
  jwt: string,
  alg: string,
  privateKey: KeyObject,
): Promise<Uint8Array> {
  const publicKey = createPublicKey(privateKey);
  if (alg === ES256K) {
    const [header = '', payload = '', signature = ''] = jwt.split('.');
    const ok = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!ok) {
      throw new Error('signature verification failed');
    }
    return Buffer.from(payload, 'base64url');
  }
  const { payload } = await compactVerify(jwt, publicKey, { algorithms: [alg] });
  return payload;
}

function b64(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}
