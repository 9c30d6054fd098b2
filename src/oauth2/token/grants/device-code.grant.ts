import { Injectable } from '@nestjs/common';
import { OAuthConfig } from '../../../config';
import { Clock, hashToken, OAuthError } from '../../../core';
import { requiredParam } from '../../../protocol/form-params';
import { DEVICE_CODE_GRANT_TYPE } from '../../../protocol/grant-types';
import { UserSessionRepository } from '../../../storage/browser-sessions/user-session.repository';
import { decidePoll, SLOW_DOWN_STEP_S } from '../../../storage/oauth2/device-code-grant.state';
import type { OAuth2ClientEntity } from '../../../storage/oauth2/oauth2-client.entity';
import type { OAuth2DeviceCodeGrantEntity } from '../../../storage/oauth2/oauth2-device-code-grant.entity';
import { OAuth2DeviceCodeGrantRepository } from '../../../storage/oauth2/oauth2-device-code-grant.repository';
import { UserAccounts } from '../../../users/user-accounts.service';
import { InteractiveSessionStarter } from '../interactive-session-starter';
import type { TokenResponse } from '../token-response';

const INVALID_CODE = 'the device code is invalid or was already used';

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 §3.4, §3.5; MAS
 * token.rs): each poll answers `authorization_pending` until the person decides, `slow_down`
 * (and a 5 s longer interval) when it comes too soon, `access_denied` once rejected and
 * `expired_token` after 20 minutes. An approved code is redeemed once for an OAuth session of
 * the approving browser session: an access token, a refresh token only when the client may
 * refresh (MAS), and an ID token with `openid`. The errors are all 400 (RFC 8628 §3.5,
 * RFC 6749 §5.2), where MAS answers 403.
 */
@Injectable()
export class DeviceCodeGrant {
  constructor(
    private readonly clock: Clock,
    private readonly oauth: OAuthConfig,
    private readonly grants: OAuth2DeviceCodeGrantRepository,
    private readonly userSessions: UserSessionRepository,
    private readonly users: UserAccounts,
    private readonly starter: InteractiveSessionStarter,
  ) {}

  async exchange(
    client: OAuth2ClientEntity,
    body: Record<string, unknown>,
    userAgent: string | null,
  ): Promise<TokenResponse> {
    if (!this.oauth.device_code_grant_enabled) {
      throw new OAuthError(
        'unsupported_grant_type',
        `grant_type '${DEVICE_CODE_GRANT_TYPE}' is not supported`,
      );
    }
    if (!client.grantTypeDeviceCode) {
      throw new OAuthError('unauthorized_client', 'this client may not use the device_code grant');
    }
    const deviceCode = requiredParam(body, 'device_code');
    const grant = await this.grants.findByDeviceCodeHash(hashToken(deviceCode));
    // MAS: a code of another client is `invalid_grant`, as an unknown one.
    if (!grant || grant.oauth2ClientId !== client.id) {
      throw new OAuthError('invalid_grant', INVALID_CODE);
    }
    const now = this.clock.now();
    const verdict = decidePoll(grant, now);
    switch (verdict.kind) {
      case 'invalid_grant':
        throw new OAuthError('invalid_grant', INVALID_CODE);
      case 'expired_token':
        throw new OAuthError('expired_token', 'the device code has expired');
      case 'access_denied':
        throw new OAuthError('access_denied', 'the user declined the request', 400);
      case 'slow_down':
        return this.slowDown(grant, now);
      case 'authorization_pending':
        // A conditional UPDATE on the previous poll: of two concurrent polls only one passes.
        if (!(await this.grants.recordPoll(grant.id, grant.lastPolledAt, now))) {
          return this.slowDown(grant, now);
        }
        throw new OAuthError('authorization_pending', 'the user has not answered yet');
      case 'exchange':
        return this.redeem(client, grant, userAgent);
    }
  }

  /** RFC 8628 §3.5: `slow_down`; the interval grows by 5 s for this and later requests. */
  private async slowDown(grant: OAuth2DeviceCodeGrantEntity, now: Date): Promise<never> {
    const interval = await this.grants.slowDown(grant.id, SLOW_DOWN_STEP_S, now);
    if (interval === null) {
      // Answered meanwhile: the next poll gets the answer.
      throw new OAuthError('slow_down', 'polling too fast; wait before polling again');
    }
    throw new OAuthError(
      'slow_down',
      `polling too fast; wait at least ${interval} seconds between requests`,
    );
  }

  private async redeem(
    client: OAuth2ClientEntity,
    grant: OAuth2DeviceCodeGrantEntity,
    userAgent: string | null,
  ): Promise<TokenResponse> {
    const browserSession = grant.userSessionId
      ? await this.userSessions.findById(grant.userSessionId)
      : null;
    const user = browserSession ? await this.users.findById(browserSession.userId) : null;
    if (
      !browserSession ||
      browserSession.finishedAt ||
      !user ||
      user.lockedAt ||
      user.deactivatedAt
    ) {
      throw new OAuthError('invalid_grant', 'the user of this authorization can no longer sign in');
    }
    const now = this.clock.now();
    return this.starter.start({
      client,
      user,
      browserSessionId: browserSession.id,
      scope: grant.scope,
      userAgent,
      nonce: null,
      withRefreshToken: client.grantTypeRefreshToken,
      redeem: (sessionId, t) => this.grants.exchange(grant.id, sessionId, now, t),
      alreadyRedeemed: INVALID_CODE,
    });
  }
}
