import { Injectable } from '@nestjs/common';
import { ExperimentalConfig } from '../../config';
import { Clock } from '../../core';
import { DeviceSync } from '../../homeserver/device-sync.service';
import { InactiveSessionRepository } from '../../storage/retention/inactive-session.repository';
import type { JobHandler, JobOutput } from '../job-handler';

/** Sessions finished per batch; each batch is one short statement. */
export const EXPIRY_BATCH_SIZE = 100;
/** Batches per kind and run; whatever is left waits for the next run, 15 minutes later. */
export const EXPIRY_MAX_BATCHES = 100;

/**
 * `expire-inactive-sessions` (MAS `ExpireInactiveSessionsJob` and the jobs it fans out to):
 * when `experimental.inactive_session_expiration` is configured, every 15 minutes it finishes
 * the sessions of the enabled kinds that were last active more than `ttl` seconds ago, and
 * enqueues a device sync for each user who lost an OAuth 2.0 or compat session, so their
 * devices leave the homeserver. Without the section it is not scheduled.
 */
@Injectable()
export class ExpireInactiveSessionsJob implements JobHandler<'expire-inactive-sessions'> {
  readonly queue = 'expire-inactive-sessions';
  readonly schedule: string | undefined;

  constructor(
    private readonly experimental: ExperimentalConfig,
    private readonly clock: Clock,
    private readonly sessions: InactiveSessionRepository,
    private readonly deviceSync: DeviceSync,
  ) {
    this.schedule = experimental.inactive_session_expiration ? '*/15 * * * *' : undefined;
  }

  async run(): Promise<JobOutput> {
    const config = this.experimental.inactive_session_expiration;
    if (!config) return { skipped: 'inactive_session_expiration is not configured' };
    const now = this.clock.now();
    const before = new Date(now.getTime() - config.ttl * 1000);
    const toSync = new Set<string>();
    const finish = async (
      enabled: boolean,
      batch: (before: Date, now: Date, limit: number) => Promise<(string | null)[]>,
      syncDevices: boolean,
    ): Promise<number> => {
      if (!enabled) return 0;
      let finished = 0;
      for (let i = 0; i < EXPIRY_MAX_BATCHES; i++) {
        const users = await batch(before, now, EXPIRY_BATCH_SIZE);
        finished += users.length;
        if (syncDevices) for (const user of users) if (user !== null) toSync.add(user);
        if (users.length < EXPIRY_BATCH_SIZE) break;
      }
      return finished;
    };
    const output = {
      oauth2Sessions: await finish(
        config.expire_oauth_sessions,
        (b, n, l) => this.sessions.finishOAuth2Sessions(b, n, l),
        true,
      ),
      compatSessions: await finish(
        config.expire_compat_sessions,
        (b, n, l) => this.sessions.finishCompatSessions(b, n, l),
        true,
      ),
      userSessions: await finish(
        config.expire_user_sessions,
        (b, n, l) => this.sessions.finishUserSessions(b, n, l),
        false,
      ),
      devicesSynced: toSync.size,
    };
    for (const userId of toSync) await this.deviceSync.requestSync(userId);
    return output;
  }
}
