import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ClientAuthenticator } from '../client-auth';
import { MatrixConfig } from '../config';
import { InvalidBearerSecret, OAuthError } from '../core';
import { UrlBuilder } from '../http/url-builder';

export const INTROSPECTION_PATH = 'oauth2/introspect';

/** Who is allowed to ask: the homeserver (shared secret) or a confidential client. */
export type IntrospectionCaller = { kind: 'homeserver' } | { kind: 'client'; clientId: string };

/** Form members that carry client credentials (RFC 6749 §2.3.1, RFC 7521 §4.2). */
const CLIENT_CREDENTIAL_PARAMS = [
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
];

/** The credentials of an `Authorization: Bearer …` header (any scheme case), else undefined. */
function bearerCredentials(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^\s*bearer(?:\s+(.*?))?\s*$/is.exec(header);
  return match ? (match[1] ?? '') : undefined;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * RFC 7662 §2.1: the introspection endpoint requires authorization. Two callers are accepted
 * (MAS): the homeserver, with `Authorization: Bearer <matrix.secret>` (Synapse's
 * `matrix_authentication_service.secret`), and a confidential client authenticating as at the
 * token endpoint (Synapse's older `experimental_features.msc3861` setup, as the static client
 * `0000000000000000000SYNAPSE`). Public clients are refused.
 */
@Injectable()
export class IntrospectionCallerAuthenticator {
  /** SHA-256 of the shared secret, so comparisons take constant time whatever the lengths. */
  private readonly secretDigest: Buffer | null;

  constructor(
    matrix: MatrixConfig,
    private readonly clientAuth: ClientAuthenticator,
    private readonly urls: UrlBuilder,
  ) {
    const secret = matrix.sharedSecret();
    this.secretDigest = secret === '' ? null : sha256(secret);
  }

  /**
   * The authenticated caller. Throws `invalid_client` (401) for a wrong shared secret, a
   * failed client authentication, no authentication at all, or a public client (RFC 7662 §2.3
   * answers a caller's invalid credentials as RFC 6749 §5.2 does; a public client proves no
   * identity, so it counts as not authenticated: MAS answers `access_denied` instead), and
   * `invalid_request` (400) when both a Bearer secret and client credentials are sent
   * (RFC 6749 §2.3: one method per request).
   */
  async authenticate(
    authorization: string | undefined,
    body: Record<string, unknown>,
  ): Promise<IntrospectionCaller> {
    const bearer = bearerCredentials(authorization);
    if (bearer !== undefined) {
      if (CLIENT_CREDENTIAL_PARAMS.some((name) => body[name] !== undefined)) {
        throw new OAuthError(
          'invalid_request',
          'use either the Bearer shared secret or client authentication, not both',
        );
      }
      if (!this.isSharedSecret(bearer)) {
        throw new InvalidBearerSecret('the Bearer credential is not the homeserver shared secret');
      }
      return { kind: 'homeserver' };
    }
    const { client } = await this.clientAuth.authenticate(
      { authorization, body },
      { endpointUrl: this.urls.absolute(INTROSPECTION_PATH), allowPublic: false },
    );
    return { kind: 'client', clientId: client.id };
  }

  private isSharedSecret(presented: string): boolean {
    if (this.secretDigest === null) return false;
    return timingSafeEqual(sha256(presented), this.secretDigest);
  }
}
