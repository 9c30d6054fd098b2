import { Injectable } from '@nestjs/common';
import { ActivityTracker } from '../activity';
import {
  AccessTokenResolver,
  CompatTokenResolver,
  PersonalTokenResolver,
  presentedTokenType,
  RefreshTokenResolver,
} from '../access-tokens';
import { Clock, TokenType } from '../core';
import { optionalParam, requiredParam, requireFormBody } from '../protocol/form-params';
import { OAuth2AccessTokenRepository } from '../storage/oauth2/oauth2-access-token.repository';
import { IntrospectionCallerAuthenticator } from './introspection-caller';
import {
  activeResponse,
  describeCompatToken,
  describeOAuthToken,
  describePersonalToken,
  type DescribedToken,
  INACTIVE,
  type IntrospectionResponse,
} from './introspection-response';
import { hintAllows } from './token-type-hint';

export interface IntrospectionRequest {
  authorization?: string;
  contentType?: string;
  /** The `X-MAS-Supports-Device-Id` header: `1` when the caller reads `device_id`. */
  supportsDeviceId?: string;
  body: Record<string, unknown> | undefined;
}

/**
 * `POST /oauth2/introspect` (RFC 7662) as Synapse reads it (CONTRACTS §2): every kind of
 * token (CONTRACTS §4) is looked up with one indexed query; anything not active is
 * `{"active": false}` with HTTP 200. An access token's first introspection marks it used
 * (which ends lost-response refresh recovery), and the session's activity is recorded in
 * memory for the batched `last_active_at` write.
 */
@Injectable()
export class IntrospectionService {
  constructor(
    private readonly callers: IntrospectionCallerAuthenticator,
    private readonly clock: Clock,
    private readonly accessTokens: AccessTokenResolver,
    private readonly refreshTokens: RefreshTokenResolver,
    private readonly compatTokens: CompatTokenResolver,
    private readonly personalTokens: PersonalTokenResolver,
    private readonly accessTokenRows: OAuth2AccessTokenRepository,
    private readonly activity: ActivityTracker,
  ) {}

  async introspect(req: IntrospectionRequest): Promise<IntrospectionResponse> {
    // RFC 7662 §2.1: a form-encoded POST carrying `token` and an optional `token_type_hint`.
    requireFormBody(req.contentType);
    const body = req.body ?? {};
    await this.callers.authenticate(req.authorization, body);
    const token = requiredParam(body, 'token');
    const hint = optionalParam(body, 'token_type_hint');

    const parsed = presentedTokenType(token);
    if (parsed === null || !hintAllows(hint, parsed.type)) return INACTIVE;
    // MAS: the device goes into `device_id` only for a caller that says it reads it.
    const explicitDevice = req.supportsDeviceId === '1';
    const now = this.clock.now();
    const described = await this.describe(token, parsed.type, explicitDevice, now);
    return described === null ? INACTIVE : activeResponse(described, now);
  }

  private async describe(
    token: string,
    type: TokenType,
    explicitDevice: boolean,
    now: Date,
  ): Promise<DescribedToken | null> {
    switch (type) {
      case TokenType.AccessToken: {
        const active = await this.accessTokens.resolve(token, now);
        if (!active) return null;
        // The first use feeds refresh-token replay detection (refresh-token.state.ts), so it is
        // written before the answer; a conditional UPDATE, only while the column is empty.
        if (active.token.firstUsedAt === null) {
          await this.accessTokenRows.markFirstUsed(active.token.id, now);
        }
        this.activity.record('oauth2', active.session.id);
        return describeOAuthToken({ tokenType: 'access_token', ...active }, explicitDevice);
      }
      case TokenType.RefreshToken: {
        const active = await this.refreshTokens.resolve(token);
        if (!active) return null;
        this.activity.record('oauth2', active.session.id);
        return describeOAuthToken({ tokenType: 'refresh_token', ...active }, explicitDevice);
      }
      case TokenType.CompatAccessToken:
      case TokenType.CompatRefreshToken: {
        const active = await this.compatTokens.resolve(token, now);
        if (!active) return null;
        const described = describeCompatToken(
          { tokenType: active.kind, ...active },
          explicitDevice,
        );
        if (described !== null) this.activity.record('compat', active.session.id);
        return described;
      }
      case TokenType.PersonalAccessToken: {
        const active = await this.personalTokens.resolve(token, now);
        if (!active) return null;
        this.activity.record('personal', active.session.id);
        return describePersonalToken(
          { ...active, ownerClientId: active.ownerClient?.id ?? null },
          explicitDevice,
        );
      }
    }
  }
}
