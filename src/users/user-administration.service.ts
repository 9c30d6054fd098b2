import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../core';
import { TransactionRunner } from '../database/transaction';
import { JobQueue } from '../jobs/job-queue';
import { UserEmailRepository } from '../storage/users/user-email.repository';
import { UserRepository } from '../storage/users/user.repository';
import { isValidEmail } from './email-address';
import { InvalidEmail, UserIdNotFound } from './user-errors';
import { toUserView, type UserView } from './user-view';

/** What adding an address did. */
export interface AddedEmail {
  /** False when the user already had it (in any letter case). */
  added: boolean;
  /** Other users who own the same address (addresses are not unique, as in MAS). */
  alsoOwnedBy: string[];
}

/** How many users a page of {@link UserAdministration.provisionAll} reaches at most. */
export const PROVISION_PAGE_SIZE = 500;

/**
 * Administrative changes to accounts for the CLI and the admin API (MAS `manage add-email`,
 * `promote-admin`, `demote-admin`, `list-admin-users`, `provision-all-users`).
 */
@Injectable()
export class UserAdministration {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly emails: UserEmailRepository,
    private readonly jobs: JobQueue,
  ) {}

  /** Adds a verified address to the user unless they have it. Throws InvalidEmail, UserIdNotFound. */
  async addEmail(userId: string, email: string): Promise<AddedEmail> {
    if (!isValidEmail(email)) throw new InvalidEmail(email);
    if (!(await this.users.findById(userId))) throw new UserIdNotFound(userId);
    const alsoOwnedBy = (await this.users.findByEmail(email))
      .filter((u) => u.id !== userId)
      .map((u) => u.username);
    if (await this.emails.findForUser(userId, email)) return { added: false, alsoOwnedBy };
    await this.emails.add({ id: this.rng.ulid(), userId, email, createdAt: this.clock.now() });
    return { added: true, alsoOwnedBy };
  }

  /**
   * Sets `can_request_admin` (who may be granted `urn:synapse:admin:*` and `urn:mas:admin`).
   * Throws UserIdNotFound.
   */
  async setCanRequestAdmin(userId: string, canRequestAdmin: boolean): Promise<void> {
    if (!(await this.users.setCanRequestAdmin(userId, canRequestAdmin))) {
      throw new UserIdNotFound(userId);
    }
  }

  /** Every user with `can_request_admin`, in creation order, a page at a time. */
  async *admins(pageSize = PROVISION_PAGE_SIZE): AsyncGenerator<UserView> {
    let afterId: string | null = null;
    for (;;) {
      const page = await this.users.listPage({ afterId, limit: pageSize, adminsOnly: true });
      for (const user of page) yield toUserView(user);
      if (page.length < pageSize) return;
      afterId = page[page.length - 1].id;
    }
  }

  /** How many users there are, or how many have `can_request_admin`. */
  count(filter: { adminsOnly?: boolean } = {}): Promise<number> {
    return this.users.count(filter);
  }

  /**
   * Enqueues a `provision-user` job for every user, a page per transaction (MAS
   * `ProvisionAllUsers`), calling `progress` with the running total after each page. Returns
   * how many were queued; a user who already has one pending is covered by it.
   */
  async provisionAll(progress: (queued: number) => void = () => {}): Promise<number> {
    let afterId: string | null = null;
    let queued = 0;
    for (;;) {
      const page = await this.users.listPage({ afterId, limit: PROVISION_PAGE_SIZE });
      if (page.length === 0) return queued;
      await this.tx.run(async (t) => {
        for (const user of page) {
          await this.jobs.enqueue('provision-user', { userId: user.id }, { tx: t });
        }
      });
      queued += page.length;
      progress(queued);
      if (page.length < PROVISION_PAGE_SIZE) return queued;
      afterId = page[page.length - 1].id;
    }
  }
}
