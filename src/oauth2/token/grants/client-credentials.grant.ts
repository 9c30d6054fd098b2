import { Injectable } from '@nestjs/common';
import { Clock, OAuthError, Rng } from '../../../core';
import { TransactionRunner } from '../../../database/transaction';
import { scopeToString } from '../../../scopes/scope';
import type { OAuth2ClientEntity } from '../../../storage/oauth2/oauth2-client.entity';
import { OAuth2SessionRepository } from '../../../storage/oauth2/oauth2-session.repository';
import { TokenPairIssuer } from '../token-pair.issuer';
import type { TokenResponse } from '../token-response';
import { requestedScope } from '../../requested-scope';
import { ClientCredentialsPolicy } from './client-credentials.policy';

/**
 * `grant_type=client_credentials` (RFC 6749 §4.4; MAS token.rs): a confidential client
 * (RFC 6749 §4.4.2) gets an access token for itself, in a session with no user. The scope
 * defaults to empty and is judged by the grant policy; there is never a refresh token
 * (RFC 6749 §4.4.3) nor an ID token, and `scope` is in the answer only when not empty.
 */
@Injectable()
export class ClientCredentialsGrant {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly sessions: OAuth2SessionRepository,
    private readonly pairs: TokenPairIssuer,
    private readonly policy: ClientCredentialsPolicy,
  ) {}

  async issue(
    client: OAuth2ClientEntity,
    body: Record<string, unknown>,
    requester: { ip: string | null; userAgent: string | null },
  ): Promise<TokenResponse> {
    // RFC 6749 §4.4: only confidential clients may use this grant.
    const method = client.tokenEndpointAuthMethod;
    if (!client.grantTypeClientCredentials || method === null || method === 'none') {
      throw new OAuthError(
        'unauthorized_client',
        'this client may not use the client_credentials grant',
      );
    }
    const scope = requestedScope(body);
    const violations = await this.policy.violations(scope, client.id, {
      ipAddress: requester.ip,
      userAgent: requester.userAgent,
    });
    if (violations.length > 0) {
      throw new OAuthError('invalid_scope', violations.map((v) => v.msg).join('; '));
    }
    const granted = scopeToString(scope);
    const now = this.clock.now();
    const sessionId = this.rng.ulid();
    const issued = await this.tx.run(async (t) => {
      await this.sessions.add(
        {
          id: sessionId,
          clientId: client.id,
          userId: null,
          userSessionId: null,
          scope: scope.map((s) => s.raw),
          createdAt: now,
          userAgent: requester.userAgent,
        },
        t,
      );
      return this.pairs.issueAccessToken(sessionId, t);
    });
    return {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      ...(granted !== '' && { scope: granted }),
    };
  }
}
