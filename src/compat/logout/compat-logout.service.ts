import { Injectable } from '@nestjs/common';
import {
  CompatSessionTerminator,
  OAuth2SessionTerminator,
  UserSessionsTerminator,
} from '../../sessions';
import { MatrixRequesters } from '../matrix-requester';

/** Where a logout request carries its access token. */
export interface LogoutRequest {
  authorization: string | undefined;
  queryToken: unknown;
}

/**
 * `POST /logout` and `POST /logout/all` (C-S spec "Logout"; MAS compat/logout.rs,
 * logout_all.rs). Ending a session enqueues the device sync in the same transaction, so the
 * homeserver deletes the device (and with it its token cache entry) right after.
 */
@Injectable()
export class CompatLogoutService {
  constructor(
    private readonly requesters: MatrixRequesters,
    private readonly compat: CompatSessionTerminator,
    private readonly oauth2: OAuth2SessionTerminator,
    private readonly all: UserSessionsTerminator,
  ) {}

  /** Ends the session of the presented token: compat, or OAuth 2.0 (which MAS refuses). */
  async logout(request: LogoutRequest): Promise<Record<string, never>> {
    const requester = await this.requesters.resolve(request.authorization, request.queryToken);
    if (requester.kind === 'compat') await this.compat.end(requester.sessionId);
    else await this.oauth2.end(requester.sessionId);
    return {};
  }

  /**
   * Ends every Matrix session of the token's user, compat and OAuth 2.0 alike, as the C-S spec
   * says ("all access tokens for a user"). MAS ends only compat sessions, and only when the
   * client sends `io.element.only_compat_is_fine`; browser sessions stay signed in here too.
   */
  async logoutAll(request: LogoutRequest): Promise<Record<string, never>> {
    const requester = await this.requesters.resolve(request.authorization, request.queryToken);
    await this.all.endAll(requester.userId, { browser: false });
    return {};
  }
}
