import { Injectable, Logger } from '@nestjs/common';
import { AccountConfig, MatrixConfig, PasswordsConfig } from '../../config';
import { HomeserverError } from '../../homeserver/homeserver-errors';
import { CompatSessionStarter, type StartedCompatSession } from '../../sessions';
import type { UserView } from '../../users/user-accounts.service';
import { UserAccounts } from '../../users/user-accounts.service';
import { matrixErrorForHomeserverFailure } from '../homeserver-failure';
import { forbidden, limitExceeded, MatrixError } from '../matrix-error';
import { CompatLoginPolicy } from './compat-login-policy';
import { loginFlows } from './login-flows';
import { type LoginRequest, parseLoginRequest } from './login-request';
import { LoginTokens, type RedeemableLoginToken } from './login-tokens';

/** Who is logging in, as far as the transport tells. */
export interface LoginRequester {
  ip: string | null;
  userAgent: string | null;
}

/** The C-S spec `POST /login` success body (MAS compat/login.rs). */
export interface LoginResponse {
  user_id: string;
  access_token: string;
  device_id: string;
  refresh_token?: string;
  expires_in_ms?: number;
}

/** Wrong credentials and deactivated accounts answer alike (no account enumeration). */
const INVALID_CREDENTIALS = 'Invalid username or password';

/**
 * The legacy Matrix login (C-S spec `GET|POST /_matrix/client/{version}/login`, MAS
 * compat/login.rs) for clients that are not OAuth-native: a password login, or the
 * `m.login.token` that completes an SSO login in the browser. Either ends in a compat session
 * whose user and device exist on the homeserver before the response is sent.
 */
@Injectable()
export class CompatLoginService {
  private readonly logger = new Logger(CompatLoginService.name);

  constructor(
    private readonly passwords: PasswordsConfig,
    private readonly account: AccountConfig,
    private readonly matrix: MatrixConfig,
    private readonly users: UserAccounts,
    private readonly loginTokens: LoginTokens,
    private readonly starter: CompatSessionStarter,
    private readonly policy: CompatLoginPolicy,
  ) {}

  flows() {
    return loginFlows(this.passwords.enabled);
  }

  async login(body: Record<string, unknown>, requester: LoginRequester): Promise<LoginResponse> {
    const request = parseLoginRequest(body);
    let user: UserView;
    let redeemable: RedeemableLoginToken | null = null;
    if (request.type === 'm.login.password') {
      user = await this.passwordUser(request, requester);
    } else {
      redeemable = await this.loginTokens.check(request.token);
      user = redeemable.user;
    }
    await this.policy.enforce({
      user,
      type: request.type,
      ...(request.deviceId === undefined ? {} : { deviceId: request.deviceId }),
      requester: { ipAddress: requester.ip, userAgent: requester.userAgent },
    });
    let started: StartedCompatSession;
    try {
      started = await this.starter.start({
        user,
        ...(request.deviceId === undefined ? {} : { deviceId: request.deviceId }),
        deviceName: request.deviceName,
        withRefreshToken: request.refreshToken,
        isSynapseAdmin: false,
        userSessionId: redeemable?.userSessionId ?? null,
        userAgent: requester.userAgent,
        ip: requester.ip,
        ...(redeemable === null
          ? {}
          : { beforeCommit: (sessionId, tx) => this.loginTokens.spend(redeemable, sessionId, tx) }),
      });
    } catch (error) {
      if (error instanceof HomeserverError) {
        this.logger.warn(`compat login of user ${user.id} held back: ${error.message}`);
      }
      throw matrixErrorForHomeserverFailure(error);
    }
    return {
      user_id: `@${user.username}:${this.matrix.homeserver}`,
      access_token: started.accessToken,
      device_id: started.deviceId,
      ...(started.refreshToken === undefined ? {} : { refresh_token: started.refreshToken }),
      ...(started.expiresInMs === undefined ? {} : { expires_in_ms: started.expiresInMs }),
    };
  }

  /**
   * `m.login.password`: `rate_limiting.login` per address and per account (429
   * `M_LIMIT_EXCEEDED`), then the password; a locked account is told so only after a correct
   * password (401 `M_USER_LOCKED`, C-S spec v1.8).
   */
  private async passwordUser(
    request: Extract<LoginRequest, { type: 'm.login.password' }>,
    requester: LoginRequester,
  ): Promise<UserView> {
    if (!this.passwords.enabled) {
      throw new MatrixError(400, 'M_UNKNOWN', 'Password login is disabled on this server');
    }
    const { identifier } = request;
    if (identifier.kind === 'email' && !this.account.login_with_email_allowed) {
      throw new MatrixError(400, 'M_UNKNOWN', 'Login with an email address is not enabled');
    }
    const name = identifier.kind === 'user' ? identifier.user : identifier.address;
    const result = await this.users.authenticate(name, request.password, requester.ip);
    if (result.ok) return result.user;
    switch (result.reason) {
      case 'rate_limited':
        throw limitExceeded(result.retryAfterMs);
      case 'locked':
        throw new MatrixError(401, 'M_USER_LOCKED', 'This account has been locked', {
          soft_logout: false,
        });
      case 'password_login_disabled':
        throw new MatrixError(400, 'M_UNKNOWN', 'Password login is disabled on this server');
      case 'invalid_credentials':
      case 'deactivated':
        throw forbidden(INVALID_CREDENTIALS);
    }
  }
}
