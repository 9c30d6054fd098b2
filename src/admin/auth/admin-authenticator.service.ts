import { Injectable } from '@nestjs/common';
import { userInactiveReason, presentedTokenType, isExpired } from '../../access-tokens';
import { ActivityTracker } from '../../activity';
import { Clock, hashToken, TokenType } from '../../core';
import { MAS_ADMIN_SCOPE } from '../../scopes/scope';
import { OAuth2AccessTokenRepository } from '../../storage/oauth2/oauth2-access-token.repository';
import { PersonalAccessTokenRepository } from '../../storage/personal/personal-access-token.repository';
import { AdminApiError, badRequest, unauthorized } from '../common/admin-error';
import type { AdminCaller } from './admin-caller';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * Authenticates an admin API call (MAS admin/call_context.rs): `Authorization: Bearer` with an
 * `mat_` OAuth 2.0 access token or an `mpt_` personal access token, whose session is valid,
 * which is neither expired nor revoked, whose user (if any) is neither locked nor deactivated,
 * and whose session holds `urn:mas:admin`. The session's activity is recorded.
 */
@Injectable()
export class AdminAuthenticator {
  constructor(
    private readonly clock: Clock,
    private readonly accessTokens: OAuth2AccessTokenRepository,
    private readonly personalTokens: PersonalAccessTokenRepository,
    private readonly activity: ActivityTracker,
  ) {}

  /** Throws AdminApiError: 400 for a missing or malformed header, 401 for a bad token. */
  async authenticate(authorization: string | undefined, ip: string | null): Promise<AdminCaller> {
    if (authorization === undefined) throw badRequest('Missing authorization header');
    const match = BEARER.exec(authorization);
    if (!match) throw badRequest('Invalid authorization header');
    const raw = match[1];
    const parsed = presentedTokenType(raw);
    if (parsed === null) throw unauthorized('Invalid type of access token');
    const now = this.clock.now();
    let caller: AdminCaller;
    if (parsed.type === TokenType.AccessToken && !parsed.legacy) {
      caller = await this.oauth2Caller(raw, now);
    } else if (parsed.type === TokenType.PersonalAccessToken) {
      caller = await this.personalCaller(raw, now);
    } else {
      throw unauthorized('Invalid type of access token');
    }
    if (!caller.scope.includes(MAS_ADMIN_SCOPE)) throw unauthorized('Missing urn:mas:admin scope');
    this.activity.record(caller.kind, caller.sessionId, ip);
    return caller;
  }

  private async oauth2Caller(raw: string, now: Date): Promise<AdminCaller> {
    const found = await this.accessTokens.findByHashWithContext(hashToken(raw));
    if (!found) throw unauthorized('Unknown access token');
    const { token, session, user } = found;
    if (session.finishedAt !== null) throw unauthorized('Access token revoked');
    if (token.revokedAt !== null || isExpired(token.expiresAt, now)) {
      throw unauthorized('Access token expired');
    }
    if (session.userId !== null) {
      if (user === null) throw new AdminApiError(500, `Failed to load user ${session.userId}`);
      if (userInactiveReason(user) !== null) throw unauthorized('User locked');
    }
    return {
      kind: 'oauth2',
      sessionId: session.id,
      clientId: session.oauth2ClientId,
      userId: session.userId,
      scope: session.scopeList,
    };
  }

  private async personalCaller(raw: string, now: Date): Promise<AdminCaller> {
    const found = await this.personalTokens.findByHashWithContext(hashToken(raw));
    if (!found) throw unauthorized('Unknown access token');
    const { token, session, actor, ownerUser } = found;
    if (session.revokedAt !== null) throw unauthorized('Access token revoked');
    if (token.revokedAt !== null || isExpired(token.expiresAt, now)) {
      throw unauthorized('Access token expired');
    }
    // MAS accepts a locked actor here (`is_valid_actor`); like our introspection, we do not
    // let a locked or deactivated account act.
    if (ownerUser !== null && userInactiveReason(ownerUser) !== null) {
      throw unauthorized('User locked');
    }
    if (userInactiveReason(actor) !== null) throw unauthorized('User locked');
    return {
      kind: 'personal',
      sessionId: session.id,
      actorUserId: session.actorUserId,
      scope: session.scopeList,
    };
  }
}
