import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction';
import { CompatSessionRepository } from '../storage/compat/compat-session.repository';
import { CompatSessionTerminator } from './compat-session-terminator';

/**
 * `experimental.session_limit.dangerous_hard_limit_eviction` (MAS compat/login.rs): instead of
 * refusing a legacy login at the hard limit, end the user's least recently active compat
 * sessions. Each goes through the terminator, so its tokens stop working and the homeserver
 * loses the device.
 */
@Injectable()
export class CompatSessionEvictor {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly sessions: CompatSessionRepository,
    private readonly terminator: CompatSessionTerminator,
  ) {}

  /**
   * Ends `count` of the user's compat sessions, least recently active first, in one
   * transaction; ends none and returns false when they have fewer than `count` (the limit
   * cannot be met by evicting compat sessions alone).
   */
  async evict(userId: string, count: number): Promise<boolean> {
    if (count <= 0) return true;
    return this.tx.run(async (t) => {
      const ids = await this.sessions.listLeastRecentlyActiveIdsOfUser(userId, count, t);
      if (ids.length < count) return false;
      let ended = 0;
      for (const id of ids) if (await this.terminator.endIn(id, t)) ended += 1;
      return ended === count;
    });
  }
}
