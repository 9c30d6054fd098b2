import { Injectable, Logger } from '@nestjs/common';
import { Clock, hashToken, OAuthError, Rng } from '../../../core';
import { TransactionRunner } from '../../../database/transaction';
import { HomeserverError } from '../../../homeserver/homeserver-errors';
import {
  SessionProvisioner,
  type SessionToProvision,
} from '../../../homeserver/session-provisioner.service';
import { UserDeviceLock } from '../../../homeserver/user-device-lock';
import { deviceIdOf, parseScope, type ScopeToken } from '../../../scopes/scope';
import { UserSessionAuthenticationRepository } from '../../../storage/browser-sessions/user-session-authentication.repository';
import { UserSessionRepository } from '../../../storage/browser-sessions/user-session.repository';
import { checkCodeRedemption } from '../../../storage/oauth2/authorization-grant.state';
import { OAuth2AuthorizationGrantRepository } from '../../../storage/oauth2/oauth2-authorization-grant.repository';
import type { OAuth2ClientEntity } from '../../../storage/oauth2/oauth2-client.entity';
import { OAuth2SessionRepository } from '../../../storage/oauth2/oauth2-session.repository';
import { UserAccounts } from '../../../users/user-accounts.service';
import { OAuth2SessionTerminator } from '../../../sessions';
import { optionalParam, requiredParam } from '../../../protocol/form-params';
import { UserClaims } from '../../user-claims';
import { tokenErrorForHomeserverFailure } from '../homeserver-failure';
import { IdTokenIssuer } from '../id-token.issuer';
import { TokenPairIssuer } from '../token-pair.issuer';
import type { TokenResponse } from '../token-response';

const INVALID_CODE = 'the authorization code is invalid, expired or already used';

/**
 * Whether a token of this scope can be used on the homeserver, which then needs the user (and
 * the device) first: Synapse accepts only tokens with a Matrix API scope (CONTRACTS §2), and a
 * device scope comes only with one (MSC2967, the grant policy).
 */
function usableOnHomeserver(tokens: ScopeToken[]): boolean {
  return tokens.some((t) => t.kind === 'matrix_api' || t.kind === 'matrix_device');
}

/**
 * The session's device name: the client's name, else its id. MAS renders its
 * `device_name.txt` template (client name plus the user agent's platform); mas-ts keeps only
 * the client part, and the user can rename the device later.
 */
function deviceNameFor(client: OAuth2ClientEntity): string {
  return client.clientName ?? client.id;
}

/**
 * `grant_type=authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.5): redeems a code once,
 * creates the OAuth session, and always returns a refresh token (MAS), plus an ID token when
 * `openid` was granted (OIDC Core §3.1.3.3). Before the code is spent, the homeserver gets the
 * user and the device of a Matrix grant (CONTRACTS §3); if it cannot, the code stays unspent.
 */
@Injectable()
export class AuthorizationCodeGrant {
  private readonly logger = new Logger(AuthorizationCodeGrant.name);

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly grants: OAuth2AuthorizationGrantRepository,
    private readonly sessions: OAuth2SessionRepository,
    private readonly userSessions: UserSessionRepository,
    private readonly authentications: UserSessionAuthenticationRepository,
    private readonly users: UserAccounts,
    private readonly pairs: TokenPairIssuer,
    private readonly idTokens: IdTokenIssuer,
    private readonly terminator: OAuth2SessionTerminator,
    private readonly userClaims: UserClaims,
    private readonly provisioner: SessionProvisioner,
    private readonly deviceLock: UserDeviceLock,
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

    const sessionId = this.rng.ulid();
    const scope = grant.scope;
    const scopeList = scope === '' ? [] : scope.split(' ');
    const scopeTokens = parseScope(scope);
    const deviceName = deviceNameFor(client);
    // Under the user's device lock, so a device sync cannot run between the upsert and the
    // commit of the session that owns the device (it would delete the device again).
    const issued = await this.deviceLock.run(user.id, async () => {
      if (usableOnHomeserver(scopeTokens)) {
        await this.provisionOnHomeserver({
          userId: user.id,
          localpart: user.username,
          deviceId: deviceIdOf(scopeTokens),
          deviceName,
        });
      }
      return this.tx.run(async (t) => {
        await this.sessions.add(
          {
            id: sessionId,
            clientId: client.id,
            userId: user.id,
            userSessionId: browserSession.id,
            scope: scopeList,
            createdAt: now,
            userAgent,
            humanName: deviceName,
          },
          t,
        );
        if (!(await this.grants.exchange(grant.id, sessionId, now, t))) {
          throw new OAuthError('invalid_grant', INVALID_CODE);
        }
        return this.pairs.issue(sessionId, t);
      });
    });

    const response: TokenResponse = {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      refresh_token: issued.refreshToken,
      scope,
    };
    if (scopeTokens.some((t) => t.kind === 'openid')) {
      const auth = await this.authentications.findLatestForSession(browserSession.id);
      response.id_token = await this.idTokens.issue({
        clientId: client.id,
        alg: client.idTokenSignedResponseAlg,
        userId: user.id,
        username: user.username,
        nonce: grant.nonce,
        authTime: auth?.createdAt ?? null,
        accessToken: issued.accessToken,
        email: await this.userClaims.emailFor(user.id, scopeList),
      });
    }
    return response;
  }

  /** CONTRACTS §3: the user and the device must exist before the token is first used. */
  private async provisionOnHomeserver(session: SessionToProvision): Promise<void> {
    try {
      await this.provisioner.provision(session);
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      const message = `code exchange for user ${session.userId} held back: ${error.message}`;
      if (error.transient) this.logger.warn(message);
      else this.logger.error(message);
      throw tokenErrorForHomeserverFailure(error);
    }
  }
}
