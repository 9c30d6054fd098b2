import { Injectable } from '@nestjs/common';
import { Clock, hashToken, TokenType } from '../core';
import {
  type AccessTokenWithContext,
  OAuth2AccessTokenRepository,
} from '../storage/oauth2/oauth2-access-token.repository';
import { inactiveReason } from './access-token-activity';
import { presentedTokenType } from './presented-token-type';

/**
 * An OAuth 2.0 access token that may be used now, with its session (scope, device), client and
 * user (null for a client_credentials session). Read-only: it is a snapshot of one query.
 */
export type ActiveAccessToken = Readonly<AccessTokenWithContext>;

/**
 * Turns a presented `mat_` access token into its active token, session, client and user. The one
 * place that decides whether an OAuth access token is usable: userinfo, introspection and the
 * admin API all ask here.
 */
@Injectable()
export class AccessTokenResolver {
  constructor(
    private readonly clock: Clock,
    private readonly accessTokens: OAuth2AccessTokenRepository,
  ) {}

  /**
   * The active access token `raw` names, or null when it is not an active OAuth access token:
   * malformed, another kind of token (refresh, compat, personal; CONTRACTS §4 prefixes), a bad
   * checksum, unknown, revoked, expired, of a finished session, or of a locked or deactivated
   * user. Malformed input never reaches the database; everything else costs one indexed query.
   * `now` defaults to the clock; pass the instant the caller also reports times against.
   */
  async resolve(raw: string, now: Date = this.clock.now()): Promise<ActiveAccessToken | null> {
    const parsed = presentedTokenType(raw);
    if (parsed?.type !== TokenType.AccessToken || parsed.legacy) return null;
    const found = await this.accessTokens.findByHashWithContext(hashToken(raw));
    if (!found || inactiveReason(found, now) !== null) return null;
    return found;
  }
}
