import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { Clock } from '../core';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';
import { OAuth2SessionRepository } from '../storage/oauth2/oauth2-session.repository';
import { PersonalSessionRepository } from '../storage/personal/personal-session.repository';
import type { SessionActivity } from '../storage/session-activity';
import {
  ACTIVITY_SESSION_KINDS,
  type ActivityBatch,
  type ActivitySessionKind,
  PendingActivity,
} from './pending-activity';

export interface ActivityTrackerOptions {
  /** Pending activity is written at this interval (MAS: every minute). */
  flushIntervalMs: number;
  /** Reaching this many pending sessions starts a flush at once (MAS: 1000). */
  maxPending: number;
}

export const DEFAULT_ACTIVITY_TRACKER_OPTIONS: ActivityTrackerOptions = {
  flushIntervalMs: 60_000,
  maxPending: 1_000,
};

/** DI token for {@link ActivityTrackerOptions}; the defaults apply when it is not provided. */
export const ACTIVITY_TRACKER_OPTIONS = Symbol('ACTIVITY_TRACKER_OPTIONS');

/** Rows written by one flush, per session kind. */
export type ActivityFlushResult = Record<ActivitySessionKind, number>;

/**
 * Records when sessions were last used (`last_active_at`, and `last_active_ip` when the caller
 * knows the end user's address) without a database write per request: activity is kept in
 * memory, one entry per session, and written every `flushIntervalMs`, when `maxPending`
 * sessions are pending, and on shutdown, as one multi-row UPDATE per session table that has
 * pending activity. A failed write is logged and retried at the next flush.
 */
@Injectable()
export class ActivityTracker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ActivityTracker.name);
  private readonly pending = new PendingActivity();
  private readonly options: ActivityTrackerOptions;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<unknown> = Promise.resolve();
  private earlyFlushQueued = false;

  constructor(
    private readonly clock: Clock,
    private readonly oauth2Sessions: OAuth2SessionRepository,
    private readonly compatSessions: CompatSessionRepository,
    private readonly personalSessions: PersonalSessionRepository,
    @Optional() @Inject(ACTIVITY_TRACKER_OPTIONS) options?: Partial<ActivityTrackerOptions>,
  ) {
    this.options = { ...DEFAULT_ACTIVITY_TRACKER_OPTIONS, ...options };
  }

  /** How many sessions have activity not written yet. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Notes that a session was used now; `ip` is the end user's address when known. */
  record(kind: ActivitySessionKind, sessionId: string, ip: string | null = null): void {
    this.pending.record(kind, sessionId, this.clock.now(), ip);
    if (this.pending.size >= this.options.maxPending && !this.earlyFlushQueued) {
      this.earlyFlushQueued = true;
      this.background(this.flush().finally(() => (this.earlyFlushQueued = false)));
    }
  }

  /**
   * Writes everything pending; resolves when written (or, on a database error, logged and
   * queued again). Flushes never overlap: a second call waits for the first.
   */
  flush(): Promise<ActivityFlushResult> {
    const run = this.flushing.then(() => this.writePending());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.background(this.flush()), this.options.flushIntervalMs);
    // The timer alone never keeps the process alive; shutdown flushes explicitly.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private background(flush: Promise<unknown>): void {
    flush.catch((error: unknown) => this.logger.error(`activity flush failed: ${String(error)}`));
  }

  private async writePending(): Promise<ActivityFlushResult> {
    const written: ActivityFlushResult = { oauth2: 0, compat: 0, personal: 0 };
    if (this.pending.size === 0) return written;
    const batch = this.pending.drain();
    const unwritten: Partial<ActivityBatch> = {};
    for (const kind of ACTIVITY_SESSION_KINDS) {
      const entries = batch[kind];
      if (entries.length === 0) continue;
      try {
        written[kind] = await this.write(kind, entries);
      } catch (error) {
        unwritten[kind] = entries;
        this.logger.error(
          `could not record the activity of ${entries.length} ${kind} sessions: ${String(error)}`,
        );
      }
    }
    this.pending.restore(unwritten);
    return written;
  }

  private write(kind: ActivitySessionKind, entries: SessionActivity[]): Promise<number> {
    switch (kind) {
      case 'oauth2':
        return this.oauth2Sessions.recordActivity(entries);
      case 'compat':
        return this.compatSessions.recordActivity(entries);
      case 'personal':
        return this.personalSessions.recordActivity(entries);
    }
  }
}
