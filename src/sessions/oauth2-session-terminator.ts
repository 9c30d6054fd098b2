import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { TransactionRunner, type Tx } from '../database/transaction';
import { deviceIdOf, parseScope } from '../scopes/scope';
import { DeviceSync } from '../homeserver/device-sync.service';
import { OAuth2AccessTokenRepository } from '../storage/oauth2/oauth2-access-token.repository';
import { OAuth2RefreshTokenRepository } from '../storage/oauth2/oauth2-refresh-token.repository';
import { OAuth2SessionRepository } from '../storage/oauth2/oauth2-session.repository';

/** Whether a session's scope binds a Matrix device (MSC2967); unparseable scopes bind none. */
function bindsDevice(scopeList: string[]): boolean {
  try {
    return deviceIdOf(parseScope(scopeList.join(' '))) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Ends an OAuth 2.0 session: finished, and every access and refresh token of it revoked. When
 * the session held a Matrix device, a `sync-devices` job is enqueued in the same transaction
 * so the device is deleted on the homeserver (MAS schedules `SyncDevicesJob`); ending the
 * session never waits for the homeserver, and the job retries until the sync lands.
 */
@Injectable()
export class OAuth2SessionTerminator {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly sessions: OAuth2SessionRepository,
    private readonly accessTokens: OAuth2AccessTokenRepository,
    private readonly refreshTokens: OAuth2RefreshTokenRepository,
    private readonly deviceSync: DeviceSync,
  ) {}

  /** Idempotent: ending a finished session changes nothing and syncs nothing. */
  async end(sessionId: string): Promise<void> {
    await this.tx.run((t) => this.endIn(sessionId, t));
  }

  /** As {@link end}, inside the caller's transaction; true when it finished the session. */
  async endIn(sessionId: string, t: Tx): Promise<boolean> {
    const now = this.clock.now();
    const finished = await this.sessions.finish(sessionId, now, t);
    await this.accessTokens.revokeAllOfSession(sessionId, now, t);
    await this.refreshTokens.revokeAllOfSession(sessionId, now, t);
    const ended = finished ? await this.sessions.findById(sessionId, t) : null;
    if (ended?.userId && bindsDevice(ended.scopeList)) {
      await this.deviceSync.requestSync(ended.userId, t);
    }
    return finished;
  }
}
