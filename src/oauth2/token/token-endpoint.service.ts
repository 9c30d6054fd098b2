import { Injectable } from '@nestjs/common';
import { ClientAuthenticator } from '../../client-auth';
import { OAuthError } from '../../core';
import { UrlBuilder } from '../../http/url-builder';
import { requiredParam, requireFormBody } from '../../protocol/form-params';
import { CLIENT_CREDENTIALS_GRANT_TYPE, DEVICE_CODE_GRANT_TYPE } from '../../protocol/grant-types';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant';
import { ClientCredentialsGrant } from './grants/client-credentials.grant';
import { DeviceCodeGrant } from './grants/device-code.grant';
import { RefreshTokenGrant } from './grants/refresh-token.grant';
import type { TokenResponse } from './token-response';

export const TOKEN_PATH = 'oauth2/token';

export interface TokenRequest {
  authorization?: string;
  contentType?: string;
  body: Record<string, unknown>;
  userAgent: string | null;
  /** The client's address, for the policy's requester rules; null when unknown. */
  ip: string | null;
}

/** `POST /oauth2/token` (RFC 6749 §3.2): authenticates the client, then runs its grant. */
@Injectable()
export class TokenEndpointService {
  constructor(
    private readonly clientAuth: ClientAuthenticator,
    private readonly urls: UrlBuilder,
    private readonly authorizationCode: AuthorizationCodeGrant,
    private readonly refreshToken: RefreshTokenGrant,
    private readonly clientCredentials: ClientCredentialsGrant,
    private readonly deviceCode: DeviceCodeGrant,
  ) {}

  async handle(req: TokenRequest): Promise<TokenResponse> {
    requireFormBody(req.contentType);
    const body = req.body ?? {};
    const grantType = requiredParam(body, 'grant_type');
    const { client } = await this.clientAuth.authenticate(
      { authorization: req.authorization, body },
      { endpointUrl: this.urls.absolute(TOKEN_PATH) },
    );
    switch (grantType) {
      case 'authorization_code':
        return this.authorizationCode.exchange(client, body, req.userAgent);
      case 'refresh_token':
        return this.refreshToken.refresh(client, body);
      case CLIENT_CREDENTIALS_GRANT_TYPE:
        return this.clientCredentials.issue(client, body, { ip: req.ip, userAgent: req.userAgent });
      case DEVICE_CODE_GRANT_TYPE:
        return this.deviceCode.exchange(client, body, req.userAgent);
      default:
        throw new OAuthError(
          'unsupported_grant_type',
          `grant_type '${grantType}' is not supported`,
        );
    }
  }
}
