import { Injectable, Logger } from '@nestjs/common';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';
import { OAuth2SessionRepository } from '../storage/oauth2/oauth2-session.repository';
import { PersonalSessionRepository } from '../storage/personal/personal-session.repository';
import { UserRepository } from '../storage/users/user.repository';
import { deviceIdsOfScopes } from './active-devices';
import { HomeserverConnection } from './homeserver-connection';
import { HomeserverError } from './homeserver-errors';
import { UserDeviceLock } from './user-device-lock';

/**
 * Keeps the user's device list on the homeserver equal to the devices of their active sessions
 * (MAS `SyncDevicesJob`): the device scopes of unfinished OAuth 2.0 sessions and unrevoked
 * personal sessions acting as the user, and the device ids of unfinished compat sessions.
 * Synapse deletes every other device, which logs it out at once (CONTRACTS §2, §3).
 */
@Injectable()
export class DeviceSync {
  private readonly logger = new Logger(DeviceSync.name);

  constructor(
    private readonly homeserver: HomeserverConnection,
    private readonly users: UserRepository,
    private readonly oauth2Sessions: OAuth2SessionRepository,
    private readonly compatSessions: CompatSessionRepository,
    private readonly personalSessions: PersonalSessionRepository,
    private readonly lock: UserDeviceLock,
  ) {}

  /** The device ids of every active session of the user; empty when there are none. */
  async activeDeviceIds(userId: string): Promise<Set<string>> {
    const [oauth2, personal, compat] = await Promise.all([
      this.oauth2Sessions.listActiveScopesOfUser(userId),
      this.personalSessions.listActiveScopesOfActor(userId),
      this.compatSessions.listActiveDeviceIdsOfUser(userId),
    ]);
    return new Set([...deviceIdsOfScopes([...oauth2, ...personal]), ...compat]);
  }

  /**
   * Pushes the user's full device list now; does nothing for an unknown user. Throws a
   * HomeserverError when the homeserver call fails.
   */
  async syncNow(userId: string): Promise<void> {
    await this.lock.run(userId, async () => {
      const user = await this.users.findById(userId);
      if (!user) return;
      await this.homeserver.syncDevices(user.username, await this.activeDeviceIds(userId));
    });
  }

  /**
   * Called after a session of the user ended. For now the sync runs at once and a homeserver
   * failure is logged, not thrown, so ending the session never fails because of the homeserver;
   * the ended session's device then stays on the homeserver until the next successful sync
   * (its tokens are already dead: introspection answers `active: false`). This is the seam for
   * the job queue, which will enqueue a retried `sync-devices` job here instead.
   */
  async requestSync(userId: string): Promise<void> {
    try {
      await this.syncNow(userId);
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      this.logger.warn(
        `device sync for user ${userId} failed, the homeserver keeps the devices of ended ` +
          `sessions until the next sync: ${error.message}`,
      );
    }
  }
}
