import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { TransactionRunner } from '../database/transaction';
import { UserSessionRepository } from '../storage/browser-sessions/user-session.repository';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';
import { OAuth2SessionRepository } from '../storage/oauth2/oauth2-session.repository';
import { CompatSessionTerminator } from './compat-session-terminator';
import { OAuth2SessionTerminator } from './oauth2-session-terminator';

/** How many sessions of each kind a user has (or had ended). */
export interface UserSessionCounts {
  oauth2: number;
  compat: number;
  browser: number;
}

/**
 * Ends every session of one user at once: `POST /logout/all` (the Matrix ones) and
 * `manage kill-sessions` (browser sessions too).
 */
@Injectable()
export class UserSessionsTerminator {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly oauth2Sessions: OAuth2SessionRepository,
    private readonly compatSessions: CompatSessionRepository,
    private readonly browserSessions: UserSessionRepository,
    private readonly oauth2: OAuth2SessionTerminator,
    private readonly compat: CompatSessionTerminator,
  ) {}

  /** The user's active sessions of each kind, ending none (`kill-sessions --dry-run`). */
  async countActive(userId: string): Promise<UserSessionCounts> {
    const [oauth2, compat, browser] = await Promise.all([
      this.oauth2Sessions.listActiveIdsOfUser(userId),
      this.compatSessions.listActiveIdsOfUser(userId),
      this.browserSessions.countActiveOfUser(userId),
    ]);
    return { oauth2: oauth2.length, compat: compat.length, browser };
  }

  /**
   * Ends all of the user's OAuth 2.0 sessions (their tokens revoked) and compat sessions, and,
   * with `browser`, their browser sessions, in one transaction that also enqueues the
   * `sync-devices` job, so the homeserver deletes their devices. Returns what it ended.
   */
  async endAll(userId: string, opts: { browser: boolean }): Promise<UserSessionCounts> {
    return this.tx.run(async (t) => {
      let oauth2 = 0;
      for (const id of await this.oauth2Sessions.listActiveIdsOfUser(userId, t)) {
        if (await this.oauth2.endIn(id, t)) oauth2 += 1;
      }
      let compat = 0;
      for (const id of await this.compatSessions.listActiveIdsOfUser(userId, t)) {
        if (await this.compat.endIn(id, t)) compat += 1;
      }
      const browser = opts.browser
        ? await this.browserSessions.finishAllOfUser(userId, this.clock.now(), t)
        : 0;
      return { oauth2, compat, browser };
    });
  }

  /**
   * "Sign out everywhere else": ends all of the user's OAuth 2.0 and compat sessions and every
   * browser session but `keepBrowserSessionId`, in one transaction that also enqueues the
   * `sync-devices` job (the homeserver deletes their devices). Returns what it ended.
   */
  async endAllOthers(userId: string, keepBrowserSessionId: string): Promise<UserSessionCounts> {
    return this.tx.run(async (t) => {
      let oauth2 = 0;
      for (const id of await this.oauth2Sessions.listActiveIdsOfUser(userId, t)) {
        if (await this.oauth2.endIn(id, t)) oauth2 += 1;
      }
      let compat = 0;
      for (const id of await this.compatSessions.listActiveIdsOfUser(userId, t)) {
        if (await this.compat.endIn(id, t)) compat += 1;
      }
      const browser = await this.browserSessions.finishAllOfUserExcept(
        userId,
        keepBrowserSessionId,
        this.clock.now(),
        t,
      );
      return { oauth2, compat, browser };
    });
  }
}
