import { Injectable } from '@nestjs/common';
import { ClientAuthenticator } from '../../client-auth';
import { Clock, hashToken, OAuthError } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { OAuth2AccessTokenRepository } from '../../storage/oauth2/oauth2-access-token.repository';
import { OAuth2RefreshTokenRepository } from '../../storage/oauth2/oauth2-refresh-token.repository';
import { OAuth2SessionRepository } from '../../storage/oauth2/oauth2-session.repository';
import { optionalParam, requiredParam, requireFormBody } from '../../protocol/form-params';
import { OAuth2SessionTerminator } from '../../sessions';
import {
  decideRevocation,
  parseTokenTypeHint,
  type RevocationContext,
  revocableKind,
} from './revocation.decision';

export const REVOCATION_PATH = 'oauth2/revoke';

export interface RevocationRequest {
  authorization?: string;
  contentType?: string;
  body: Record<string, unknown> | undefined;
}

/**
 * `POST /oauth2/revoke` (RFC 7009): authenticates the client (any registered method, `none`
 * included: RFC 7009 §2.1 lets public clients revoke their own tokens), then ends the session
 * of a valid access or refresh token it was issued.
 */
@Injectable()
export class RevocationService {
  constructor(
    private readonly clientAuth: ClientAuthenticator,
    private readonly urls: UrlBuilder,
    private readonly clock: Clock,
    private readonly sessions: OAuth2SessionRepository,
    private readonly accessTokens: OAuth2AccessTokenRepository,
    private readonly refreshTokens: OAuth2RefreshTokenRepository,
    private readonly terminator: OAuth2SessionTerminator,
  ) {}

  /** Resolves when the token is revoked or was not revocable (RFC 7009 §2.2: both are 200). */
  async revoke(req: RevocationRequest): Promise<void> {
    requireFormBody(req.contentType);
    const body = req.body ?? {};
    const token = requiredParam(body, 'token');
    // RFC 7009 §2.1: the hint is validated but never narrows the search.
    parseTokenTypeHint(optionalParam(body, 'token_type_hint'));
    const { client } = await this.clientAuth.authenticate(
      { authorization: req.authorization, body },
      { endpointUrl: this.urls.absolute(REVOCATION_PATH) },
    );

    const decision = decideRevocation({
      ...(await this.lookup(token)),
      clientId: client.id,
      now: this.clock.now(),
    });
    switch (decision.action) {
      case 'ignore':
        return;
      case 'refuse':
        // RFC 7009 §2.1: a token issued to another client is refused, with an RFC 6749 §5.2
        // error; §5.2 answers 400 for every code but invalid_client, so unauthorized_client is
        // a 400 here (MAS answers 401). The token stays valid.
        throw new OAuthError('unauthorized_client', 'the token was not issued to this client');
      case 'end_session':
        await this.terminator.end(decision.sessionId);
        return;
    }
  }

  /** The stored token and its session, or nulls when the token is not one we revoke. */
  private async lookup(raw: string): Promise<Pick<RevocationContext, 'token' | 'session'>> {
    const none = { token: null, session: null };
    switch (revocableKind(raw)) {
      case null:
        return none;
      case 'access_token': {
        const found = await this.accessTokens.findByHash(hashToken(raw));
        if (!found) return none;
        return {
          token: { kind: 'access_token', revokedAt: found.revokedAt, expiresAt: found.expiresAt },
          session: await this.sessions.findById(found.oauth2SessionId),
        };
      }
      case 'refresh_token': {
        const found = await this.refreshTokens.findByHash(hashToken(raw));
        if (!found) return none;
        return {
          token: {
            kind: 'refresh_token',
            revokedAt: found.revokedAt,
            consumedAt: found.consumedAt,
          },
          session: await this.sessions.findById(found.oauth2SessionId),
        };
      }
    }
  }
}
