import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction';
import { JobQueue } from '../jobs/job-queue';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';
import { OAuth2SessionRepository } from '../storage/oauth2/oauth2-session.repository';
import { PersonalSessionRepository } from '../storage/personal/personal-session.repository';
import { UserRepository } from '../storage/users/user.repository';
import { deviceIdsOfScopes } from './active-devices';
import { HomeserverConnection } from './homeserver-connection';
import { UserDeviceLock } from './user-device-lock';

/**
 * Keeps the user's device list on the homeserver equal to the devices of their active sessions
 * (MAS `SyncDevicesJob`): the device scopes of unfinished OAuth 2.0 sessions and unrevoked
 * personal sessions acting as the user, and the device ids of unfinished compat sessions.
 * Synapse deletes every other device, which logs it out at once (CONTRACTS §2, §3).
 */
@Injectable()
export class DeviceSync {
  constructor(
    private readonly homeserver: HomeserverConnection,
    private readonly users: UserRepository,
    private readonly oauth2Sessions: OAuth2SessionRepository,
    private readonly compatSessions: CompatSessionRepository,
    private readonly personalSessions: PersonalSessionRepository,
    private readonly lock: UserDeviceLock,
    private readonly jobs: JobQueue,
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
   * Pushes the user's full device list now (the `sync-devices` job); returns how many devices
   * it holds, or null for an unknown or deactivated user (nothing to sync: deactivation removes
   * every device on the homeserver). Throws a HomeserverError when the homeserver call fails.
   */
  async syncNow(userId: string): Promise<number | null> {
    return this.lock.run(userId, async () => {
      const user = await this.users.findById(userId);
      if (!user || user.deactivatedAt !== null) return null;
      const devices = await this.activeDeviceIds(userId);
      await this.homeserver.syncDevices(user.username, devices);
      return devices.size;
    });
  }

  /**
   * Called after the user's devices changed here (a session ended): enqueues a `sync-devices`
   * job, inside `tx` when given so that it exists exactly when the change commits. The caller
   * never waits for the homeserver; the job retries with backoff until the sync lands, and one
   * waiting job per user covers every request made before it runs (docs/jobs.md).
   */
  async requestSync(userId: string, tx?: Tx): Promise<void> {
    await this.jobs.enqueue('sync-devices', { userId }, { tx });
  }
}
