import { Injectable } from '@nestjs/common';
import { Clock, hashToken, OAuthError } from '../../../core';
import { UserSessionRepository } from '../../../storage/browser-sessions/user-session.repository';
import { checkCodeRedemption } from '../../../storage/oauth2/authorization-grant.state';
import { OAuth2AuthorizationGrantRepository } from '../../../storage/oauth2/oauth2-authorization-grant.repository';
import type { OAuth2ClientEntity } from '../../../storage/oauth2/oauth2-client.entity';
import { UserAccounts } from '../../../users/user-accounts.service';
import { OAuth2SessionTerminator } from '../../../sessions';
import { optionalParam, requiredParam } from '../../../protocol/form-params';
import { InteractiveSessionStarter } from '../interactive-session-starter';
import type { TokenResponse } from '../token-response';

const INVALID_CODE = 'the authorization code is invalid, expired or already used';

/**
 * `grant_type=authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.5): redeems a code once,
 * creates the OAuth session, and always returns a refresh token (MAS), plus an ID token when
 * `openid` was granted (OIDC Core §3.1.3.3). Before the code is spent, the homeserver gets the
 * user and the device of a Matrix grant (CONTRACTS §3); if it cannot, the code stays unspent.
 */
@Injectable()
export class AuthorizationCodeGrant {
  constructor(
    private readonly clock: Clock,
    private readonly grants: OAuth2AuthorizationGrantRepository,
    private readonly userSessions: UserSessionRepository,
    private readonly users: UserAccounts,
    private readonly terminator: OAuth2SessionTerminator,
    private readonly starter: InteractiveSessionStarter,
  ) {}

  async exchange(
    client: OAuth2ClientEntity,
    body: Record<string, unknown>,
    userAgent: string | null,
  ): Promise<TokenResponse> {
    if (!client.grantTypeAuthorizationCode) {
      throw new OAuthError(
        'unauthorized_client',
        'this client may not use the authorization_code grant',
      );
    }
    const code = requiredParam(body, 'code');
    const grant = await this.grants.findByCodeHash(hashToken(code));
    if (!grant) throw new OAuthError('invalid_grant', INVALID_CODE);

    const now = this.clock.now();
    const verdict = checkCodeRedemption(
      grant,
      {
        clientId: client.id,
        redirectUri: optionalParam(body, 'redirect_uri'),
        codeVerifier: optionalParam(body, 'code_verifier'),
      },
      now,
    );
    if (!verdict.ok) {
      // RFC 6749 §4.1.2: a reused code SHOULD revoke the tokens issued with it.
      if (verdict.endSessionId) await this.terminator.end(verdict.endSessionId);
      throw new OAuthError('invalid_grant', INVALID_CODE);
    }

    const browserSession = grant.userSessionId
      ? await this.userSessions.findById(grant.userSessionId)
      : null;
    const user = browserSession ? await this.users.findById(browserSession.userId) : null;
    if (!browserSession || !user || user.lockedAt || user.deactivatedAt) {
      throw new OAuthError('invalid_grant', 'the user of this authorization can no longer sign in');
    }

    return this.starter.start({
      client,
      user,
      browserSessionId: browserSession.id,
      scope: grant.scope,
      userAgent,
      nonce: grant.nonce,
      withRefreshToken: true,
      redeem: (sessionId, t) => this.grants.exchange(grant.id, sessionId, now, t),
      alreadyRedeemed: INVALID_CODE,
    });
  }
}
