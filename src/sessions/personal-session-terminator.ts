import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { TransactionRunner } from '../database/transaction';
import { DeviceSync } from '../homeserver/device-sync.service';
import { deviceIdOf, parseScope } from '../scopes/scope';
import { PersonalSessionAdminRepository } from '../storage/personal/personal-session-admin.repository';

/** Whether a personal session's scope binds a Matrix device (MSC2967); unparseable binds none. */
function bindsDevice(scopeList: string[]): boolean {
  try {
    return deviceIdOf(parseScope(scopeList.join(' '))) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Revokes a personal session (MAS admin/v1/personal_sessions/revoke.rs): the session and its
 * unrevoked `mpt_` token, and, when its scope binds a device, a `sync-devices` job in the same
 * transaction so the homeserver deletes it. Shared by the admin API and the admin pages.
 */
@Injectable()
export class PersonalSessionTerminator {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly sessions: PersonalSessionAdminRepository,
    private readonly deviceSync: DeviceSync,
  ) {}

  /** False (changing nothing) when no session has this id or it is already revoked. */
  async revoke(id: string): Promise<boolean> {
    return this.tx.run(async (t) => {
      const found = await this.sessions.findById(id, t);
      if (!found || found.session.revokedAt !== null) return false;
      const now = this.clock.now();
      if (!(await this.sessions.revokeSession(id, now, t))) return false;
      await this.sessions.revokeTokensOf(id, now, t);
      if (bindsDevice(found.session.scopeList)) {
        await this.deviceSync.requestSync(found.session.actorUserId, t);
      }
      return true;
    });
  }
}
