import { Injectable } from '@nestjs/common';
import { Clock } from '../core';
import { TransactionRunner } from '../database/transaction';
import { JobQueue } from '../jobs/job-queue';
import { UserRepository } from '../storage/users/user.repository';
import { UserIdNotFound } from './user-errors';

/**
 * Locks, unlocks, deactivates and reactivates accounts, for the CLI and the admin API (MAS
 * `lock-user [--deactivate]`, `unlock-user [--reactivate]`, admin `lock`/`deactivate`/…). Each
 * change commits together with the job that carries it to the homeserver, so neither happens
 * without the other; nothing here waits for the homeserver (docs/jobs.md).
 */
@Injectable()
export class UserLocking {
  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Sets `locked_at` (kept if already locked): the user can no longer sign in and their tokens
   * stop working at once. A `provision-user` job then locks them on the homeserver. Throws
   * UserIdNotFound for an unknown id.
   */
  async lock(userId: string): Promise<void> {
    await this.tx.run(async (t) => {
      if (!(await this.users.lock(userId, this.clock.now(), t))) throw new UserIdNotFound(userId);
      await this.jobs.enqueue('provision-user', { userId }, { tx: t });
    });
  }

  /** Clears `locked_at`, then a `provision-user` job unlocks them on the homeserver. */
  async unlock(userId: string): Promise<void> {
    await this.tx.run(async (t) => {
      if (!(await this.users.unlock(userId, t))) throw new UserIdNotFound(userId);
      await this.jobs.enqueue('provision-user', { userId }, { tx: t });
    });
  }

  /**
   * Locks the user now, and enqueues `deactivate-user`, which deactivates them here (ending
   * every session and deleting their email addresses) and on the homeserver, erasing their data
   * there too when `erase` (GDPR erasure).
   */
  async deactivate(userId: string, options: { erase: boolean }): Promise<void> {
    await this.tx.run(async (t) => {
      if (!(await this.users.lock(userId, this.clock.now(), t))) throw new UserIdNotFound(userId);
      await this.jobs.enqueue('deactivate-user', { userId, hsErase: options.erase }, { tx: t });
    });
  }

  /**
   * Enqueues `reactivate-user`: once the homeserver has reactivated the user, they are
   * reactivated and unlocked here and provisioned again.
   */
  async reactivate(userId: string): Promise<void> {
    if (!(await this.users.findById(userId))) throw new UserIdNotFound(userId);
    await this.jobs.enqueue('reactivate-user', { userId });
  }
}
