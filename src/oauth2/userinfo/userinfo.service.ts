import { Injectable } from '@nestjs/common';
import {
  AccessTokenResolver,
  presentedBearerToken,
  type BearerCarriers,
} from '../../access-tokens';
import { Clock, Keystore, OAuthError } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { emailClaims, UserClaims } from '../user-claims';

export const USERINFO_PATH = 'oauth2/userinfo';

/** The userinfo answer: claims as JSON, or as a signed JWT (OIDC Core §5.3.2). */
export type UserinfoAnswer =
  | { contentType: 'application/json'; body: Record<string, unknown> }
  | { contentType: 'application/jwt'; body: string };

/**
 * `GET|POST /oauth2/userinfo` (OIDC Core §5.3): the claims about the user an access token acts
 * for, when that token was granted `openid`.
 */
@Injectable()
export class UserinfoService {
  constructor(
    private readonly resolver: AccessTokenResolver,
    private readonly userClaims: UserClaims,
    private readonly keystore: Keystore,
    private readonly clock: Clock,
    private readonly urls: UrlBuilder,
  ) {}

  async answer(request: BearerCarriers): Promise<UserinfoAnswer> {
    const active = await this.resolver.resolve(presentedBearerToken(request));
    // RFC 6750 §3.1: an unknown, expired or revoked token is `invalid_token`.
    if (!active) {
      throw new OAuthError('invalid_token', 'the access token is invalid, expired or revoked');
    }
    const { session, client, user } = active;
    // OIDC Core §5.3: userinfo is for tokens granted `openid` that act for a user.
    if (!session.scopeList.includes('openid')) {
      throw new OAuthError('insufficient_scope', 'userinfo needs a token granted the openid scope');
    }
    if (!user) {
      throw new OAuthError('insufficient_scope', 'this access token does not act for a user');
    }

    const claims: Record<string, unknown> = {
      sub: user.id,
      // MAS returns `username`; OIDC Core §5.1 `preferred_username` is the same localpart.
      username: user.username,
      preferred_username: user.username,
      ...emailClaims(await this.userClaims.emailFor(user.id, session.scopeList)),
    };
    const alg = client.userinfoSignedResponseAlg;
    if (!alg) return { contentType: 'application/json', body: claims };

    if (!this.keystore.signingAlgorithms().includes(alg)) {
      throw new OAuthError(
        'server_error',
        `no signing key for the client's userinfo_signed_response_alg ${alg}`,
      );
    }
    // OIDC Core §5.3.2: a signed response SHOULD carry `iss` and `aud`.
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const jwt = await this.keystore.signJwt(
      { iss: this.urls.issuer, aud: client.id, iat, ...claims },
      alg,
    );
    return { contentType: 'application/jwt', body: jwt };
  }
}
