import { Injectable } from '@nestjs/common';
import { ClientAuthenticator } from '../../client-auth';
import { Clock, hashToken, OAuthError, Rng } from '../../core';
import { OAuthConfig } from '../../config';
import { UrlBuilder } from '../../http/url-builder';
import { requireFormBody } from '../../protocol/form-params';
import { scopeToString } from '../../scopes/scope';
import {
  DEFAULT_POLL_INTERVAL_S,
  DEVICE_CODE_TTL_S,
} from '../../storage/oauth2/device-code-grant.state';
import { OAuth2DeviceCodeGrantRepository } from '../../storage/oauth2/oauth2-device-code-grant.repository';
import type { DeviceAuthorizationResponse } from './device-authorization-response';
import { DeviceGrantPolicy } from './device-grant.policy';
import { DEVICE_AUTHORIZATION_PATH, LINK_PATH, linkPathWithCode } from './device-paths';
import { displayUserCode, generateUserCode } from './user-code';
import { requestedScope } from '../requested-scope';

/** The device code: 32 alphanumerics (~190 bits, MAS length), stored only as SHA-256. */
const DEVICE_CODE_LENGTH = 32;
/** Fresh user codes drawn when one collides with an existing grant's before giving up. */
const USER_CODE_ATTEMPTS = 5;

export interface DeviceAuthorizationRequest {
  authorization?: string;
  contentType?: string;
  body: Record<string, unknown> | undefined;
  ip: string | null;
  userAgent: string | null;
}

/**
 * `POST /oauth2/device` (RFC 8628 §3.1, §3.2; MAS oauth2/device/authorize.rs): authenticates
 * the client like the token endpoint, checks that it may use the device grant and the scope it
 * asks for, and starts a pending grant with a device code for the client and a short user
 * code for the person.
 */
@Injectable()
export class DeviceAuthorizationService {
  constructor(
    private readonly clientAuth: ClientAuthenticator,
    private readonly urls: UrlBuilder,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly grants: OAuth2DeviceCodeGrantRepository,
    private readonly oauth: OAuthConfig,
    private readonly policy: DeviceGrantPolicy,
  ) {}

  async authorize(req: DeviceAuthorizationRequest): Promise<DeviceAuthorizationResponse> {
    requireFormBody(req.contentType);
    const body = req.body ?? {};
    const { client } = await this.clientAuth.authenticate(
      { authorization: req.authorization, body },
      { endpointUrl: this.urls.absolute(DEVICE_AUTHORIZATION_PATH) },
    );
    if (!client.grantTypeDeviceCode) {
      throw new OAuthError('unauthorized_client', 'this client may not use the device_code grant');
    }
    const scope = requestedScope(body);
    const violations = await this.policy.requestViolations(scope, client.id, {
      ipAddress: req.ip,
      userAgent: req.userAgent,
    });
    if (violations.length > 0) {
      throw new OAuthError('invalid_scope', violations.map((v) => v.msg).join('; '));
    }

    const deviceCode = this.rng.alphanumeric(DEVICE_CODE_LENGTH);
    const now = this.clock.now();
    for (let attempt = 0; attempt < USER_CODE_ATTEMPTS; attempt++) {
      const userCode = generateUserCode(this.rng);
      const added = await this.grants.add({
        id: this.rng.ulid(),
        oauth2ClientId: client.id,
        scope: scopeToString(scope),
        userCodeSha256: hashToken(userCode),
        deviceCodeSha256: hashToken(deviceCode),
        createdAt: now,
        expiresAt: new Date(now.getTime() + DEVICE_CODE_TTL_S * 1000),
        ipAddress: req.ip,
        userAgent: req.userAgent,
        pollIntervalSeconds: DEFAULT_POLL_INTERVAL_S,
      });
      if (added) return this.response(deviceCode, userCode);
    }
    throw new OAuthError('server_error', 'no free user code could be drawn');
  }

  private response(deviceCode: string, userCode: string): DeviceAuthorizationResponse {
    const shown = displayUserCode(userCode);
    return {
      device_code: deviceCode,
      user_code: shown,
      verification_uri: this.urls.absolute(LINK_PATH),
      // RFC 8628 §3.3.1, MAS: only when `oauth.device_code_user_code_auto_fill_enabled`.
      ...(this.oauth.device_code_user_code_auto_fill_enabled && {
        verification_uri_complete: this.urls.absolute(linkPathWithCode(shown)),
      }),
      expires_in: DEVICE_CODE_TTL_S,
      interval: DEFAULT_POLL_INTERVAL_S,
    };
  }
}
