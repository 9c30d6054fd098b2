import { Injectable } from '@nestjs/common';
import { Clock, hashToken, TokenType } from '../core';
import {
  type CompatAccessTokenWithContext,
  CompatAccessTokenRepository,
} from '../storage/compat/compat-access-token.repository';
import {
  type CompatRefreshTokenWithContext,
  CompatRefreshTokenRepository,
} from '../storage/compat/compat-refresh-token.repository';
import { compatAccessInactiveReason, compatRefreshInactiveReason } from './compat-token-activity';
import { presentedTokenType } from './presented-token-type';

/** A usable compat (legacy Matrix login) token with its session and user. */
export type ActiveCompatToken =
  | ({ kind: 'access_token' } & Readonly<CompatAccessTokenWithContext>)
  | ({ kind: 'refresh_token' } & Readonly<CompatRefreshTokenWithContext>);

/**
 * Turns a presented compat token into its session and user: `mct_`/`mcr_`, and tokens imported
 * from Synapse (`syt_`/`syr_`, macaroons), which carry no checksum and are looked up by hash
 * like every other token.
 */
@Injectable()
export class CompatTokenResolver {
  constructor(
    private readonly clock: Clock,
    private readonly accessTokens: CompatAccessTokenRepository,
    private readonly refreshTokens: CompatRefreshTokenRepository,
  ) {}

  /**
   * The usable compat token `raw` names, or null when it is malformed, not a compat token,
   * unknown, expired (access) or consumed (refresh), of a finished session, or of a locked or
   * deactivated user. One indexed query. `now` defaults to the clock.
   */
  async resolve(raw: string, now: Date = this.clock.now()): Promise<ActiveCompatToken | null> {
    switch (presentedTokenType(raw)?.type) {
      case TokenType.CompatAccessToken: {
        const found = await this.accessTokens.findByHashWithContext(hashToken(raw));
        if (!found || compatAccessInactiveReason(found, now) !== null) return null;
        return { kind: 'access_token', ...found };
      }
      case TokenType.CompatRefreshToken: {
        const found = await this.refreshTokens.findByHashWithContext(hashToken(raw));
        if (!found || compatRefreshInactiveReason(found) !== null) return null;
        return { kind: 'refresh_token', ...found };
      }
      default:
        return null;
    }
  }
}
