import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, Keystore } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { emailClaims } from '../user-claims';

/** OIDC Core §2: ID tokens are valid for one hour (MAS). */
export const ID_TOKEN_TTL_S = 3600;

export interface IdTokenInput {
  clientId: string;
  /** The client's `id_token_signed_response_alg`; RS256 when unset (OIDC Core §2). */
  alg: string | null;
  userId: string;
  username: string;
  nonce: string | null;
  authTime: Date | null;
  accessToken: string;
  /** OIDC Core §5.4: the address to release when the `email` scope was granted, else null. */
  email?: string | null;
}

/** OIDC Core §3.1.3.6: left half of the hash of the access token, hash size from the alg. */
export function atHash(accessToken: string, alg: string): string {
  const bits = alg.endsWith('512') ? 'sha512' : alg.endsWith('384') ? 'sha384' : 'sha256';
  const digest = createHash(bits).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** Signs ID tokens with the keystore (OIDC Core §2, §3.1.3.6). */
@Injectable()
export class IdTokenIssuer {
  constructor(
    private readonly keystore: Keystore,
    private readonly clock: Clock,
    private readonly urls: UrlBuilder,
  ) {}

  issue(input: IdTokenInput): Promise<string> {
    const alg = input.alg ?? 'RS256';
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.urls.issuer,
      sub: input.userId,
      aud: input.clientId,
      iat,
      exp: iat + ID_TOKEN_TTL_S,
      at_hash: atHash(input.accessToken, alg),
      preferred_username: input.username,
      ...emailClaims(input.email ?? null),
    };
    if (input.nonce !== null) claims.nonce = input.nonce;
    if (input.authTime) claims.auth_time = Math.floor(input.authTime.getTime() / 1000);
    return this.keystore.signJwt(claims, alg);
  }
}
