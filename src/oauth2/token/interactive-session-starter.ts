import { Injectable, Logger } from '@nestjs/common';
import { Clock, OAuthError, Rng } from '../../core';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { HomeserverError } from '../../homeserver/homeserver-errors';
import {
  SessionProvisioner,
  type SessionToProvision,
} from '../../homeserver/session-provisioner.service';
import { UserDeviceLock } from '../../homeserver/user-device-lock';
import { deviceIdOf, parseScope, type ScopeToken } from '../../scopes/scope';
import { UserSessionAuthenticationRepository } from '../../storage/browser-sessions/user-session-authentication.repository';
import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';
import { OAuth2SessionRepository } from '../../storage/oauth2/oauth2-session.repository';
import type { UserView } from '../../users/user-accounts.service';
import { UserClaims } from '../user-claims';
import { tokenErrorForHomeserverFailure } from './homeserver-failure';
import { IdTokenIssuer } from './id-token.issuer';
import { type IssuedAccessToken, TokenPairIssuer } from './token-pair.issuer';
import type { TokenResponse } from './token-response';

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

/** A grant a person approved, about to become an OAuth session. */
export interface ApprovedGrant {
  client: OAuth2ClientEntity;
  user: UserView;
  browserSessionId: string;
  /** The granted scope, space separated. */
  scope: string;
  userAgent: string | null;
  /** The `nonce` of the authorization request, for the ID token (OIDC Core §3.1.2.1). */
  nonce: string | null;
  /** Whether a refresh token comes with the access token. */
  withRefreshToken: boolean;
  /**
   * Marks the grant redeemed by `sessionId`, inside the session's transaction; false when it
   * was redeemed meanwhile (the session is then not created).
   */
  redeem(sessionId: string, tx: Tx): Promise<boolean>;
  /** The `invalid_grant` description when `redeem` lost a race. */
  alreadyRedeemed: string;
}

/**
 * Turns an approved interactive grant (authorization code, device code) into an OAuth session
 * and its tokens: the homeserver first gets the user and the device of a Matrix grant
 * (CONTRACTS §3; if it cannot, the grant stays unredeemed), then the session, the grant's
 * redemption and the tokens commit together, and an ID token is added when `openid` was
 * granted (OIDC Core §3.1.3.3).
 */
@Injectable()
export class InteractiveSessionStarter {
  private readonly logger = new Logger(InteractiveSessionStarter.name);

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly sessions: OAuth2SessionRepository,
    private readonly authentications: UserSessionAuthenticationRepository,
    private readonly pairs: TokenPairIssuer,
    private readonly idTokens: IdTokenIssuer,
    private readonly userClaims: UserClaims,
    private readonly provisioner: SessionProvisioner,
    private readonly deviceLock: UserDeviceLock,
  ) {}

  async start(grant: ApprovedGrant): Promise<TokenResponse> {
    const { client, user } = grant;
    const now = this.clock.now();
    const sessionId = this.rng.ulid();
    const scopeList = grant.scope === '' ? [] : grant.scope.split(' ');
    const scopeTokens = parseScope(grant.scope);
    const deviceName = deviceNameFor(client);
    // Under the user's device lock, so a device sync cannot run between the upsert and the
    // commit of the session that owns the device (it would delete the device again).
    const issued: IssuedAccessToken & { refreshToken?: string } = await this.deviceLock.run(
      user.id,
      async () => {
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
              userSessionId: grant.browserSessionId,
              scope: scopeList,
              createdAt: now,
              userAgent: grant.userAgent,
              humanName: deviceName,
            },
            t,
          );
          if (!(await grant.redeem(sessionId, t))) {
            throw new OAuthError('invalid_grant', grant.alreadyRedeemed);
          }
          return grant.withRefreshToken
            ? this.pairs.issue(sessionId, t)
            : this.pairs.issueAccessToken(sessionId, t);
        });
      },
    );

    const response: TokenResponse = {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope: grant.scope,
    };
    if (issued.refreshToken !== undefined) response.refresh_token = issued.refreshToken;
    if (scopeTokens.some((t) => t.kind === 'openid')) {
      const auth = await this.authentications.findLatestForSession(grant.browserSessionId);
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
      const message = `token issuance for user ${session.userId} held back: ${error.message}`;
      if (error.transient) this.logger.warn(message);
      else this.logger.error(message);
      throw tokenErrorForHomeserverFailure(error);
    }
  }
}
