import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { TransactionRunner } from '../database/transaction';
import { HomeserverConnection } from '../homeserver/homeserver-connection';
import { JobQueue } from '../jobs/job-queue';
import {
  type ClosedAccount,
  UserClosureRepository,
} from '../storage/users/user-closure.repository';
import { UserRepository } from '../storage/users/user.repository';

/** What a deactivation did: what it ended here, or that the user does not exist. */
export type DeactivationOutcome =
  ({ status: 'deactivated' } & ClosedAccount) | { status: 'unknown_user' };

/**
 * The work of the `deactivate-user` and `reactivate-user` jobs (MAS `DeactivateUserJob`,
 * `ReactivateUserJob`, inventory §9). Both are safe to repeat, which retries do.
 */
@Injectable()
export class AccountClosure {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly closures: UserClosureRepository,
    private readonly homeserver: HomeserverConnection,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Deactivates the user here (locked and deactivated, every browser, OAuth 2.0 and compat
   * session finished, personal sessions revoked, email addresses deleted) in one transaction,
   * then on the homeserver (`delete_user`, erasing when `erase`), which removes their devices.
   * Throws a HomeserverError when the homeserver call fails; the local part is then done and
   * the retry repeats only what is left.
   */
  async deactivate(userId: string, erase: boolean): Promise<DeactivationOutcome> {
    const closed = await this.tx.run((t) => this.closures.close(userId, this.clock.now(), t));
    const user = closed ? await this.users.findById(userId) : null;
    if (!closed || !user) return { status: 'unknown_user' };
    await this.homeserver.deleteUser(user.username, { erase });
    return { status: 'deactivated', ...closed };
  }

  /**
   * Reactivates the user on the homeserver, then here (deactivation and lock cleared), then
   * enqueues `provision-user` to push their state. False for an unknown user. Throws a
   * HomeserverError when the homeserver call fails, changing nothing here.
   */
  async reactivate(userId: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    if (!user) return false;
    await this.homeserver.reactivateUser(user.username);
    await this.tx.run(async (t) => {
      await this.closures.reopen(userId, t);
      await this.jobs.enqueue('provision-user', { userId }, { tx: t });
    });
    return true;
  }
}
