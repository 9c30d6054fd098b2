import { Injectable } from '@nestjs/common';
import { UserEmailRepository } from '../storage/users/user-email.repository';
import { UserRepository } from '../storage/users/user.repository';
import { HomeserverConnection, type ProvisionOutcome } from './homeserver-connection';

/** What `UserProvisioner.push` did: the homeserver's answer, or why nothing was sent. */
export type UserPushOutcome = ProvisionOutcome | 'unknown_user' | 'deactivated';

/**
 * Pushes a user's state to the homeserver (MAS `ProvisionUserJob`): the full list of their
 * email addresses, whether they are locked, and a display name when one is given. The
 * `provision-user` job runs it after lock, unlock and email changes.
 */
@Injectable()
export class UserProvisioner {
  constructor(
    private readonly homeserver: HomeserverConnection,
    private readonly users: UserRepository,
    private readonly emails: UserEmailRepository,
  ) {}

  /**
   * Sends `provision_user` for the user as they are now. Sends nothing for an unknown user, nor
   * for a deactivated one (deactivation owns them on the homeserver). Throws a HomeserverError
   * when the call fails; the call is idempotent.
   */
  async push(
    userId: string,
    options: { displayName?: string; avatarUrl?: string } = {},
  ): Promise<UserPushOutcome> {
    const user = await this.users.findById(userId);
    if (!user) return 'unknown_user';
    if (user.deactivatedAt !== null) return 'deactivated';
    const emails = await this.emails.listForUser(userId);
    return this.homeserver.provisionUser({
      localpart: user.username,
      subject: user.id,
      emails: { set: emails.map((e) => e.email) },
      locked: user.lockedAt !== null,
      ...(options.displayName !== undefined ? { displayName: { set: options.displayName } } : {}),
      ...(options.avatarUrl !== undefined ? { avatarUrl: { set: options.avatarUrl } } : {}),
    });
  }
}
