import { Injectable } from '@nestjs/common';
import { UserEmailRepository } from '../storage/users/user-email.repository';
import { HomeserverConnection } from './homeserver-connection';

/** The user and device a new Matrix session needs on the homeserver. */
export interface SessionToProvision {
  userId: string;
  /** The user's localpart (`users.username`). */
  localpart: string;
  /** The device of the granted device scope, if any. */
  deviceId?: string;
  /** The device's display name on the homeserver. */
  deviceName: string;
}

/**
 * Makes the homeserver ready for a token before the client first uses it (CONTRACTS §3:
 * Synapse answers 500 for an unknown user and 401 for an unknown device): provisions the user,
 * unlocked, with their email addresses (as MAS's `ProvisionUserJob`), then upserts the device.
 */
@Injectable()
export class SessionProvisioner {
  constructor(
    private readonly homeserver: HomeserverConnection,
    private readonly emails: UserEmailRepository,
  ) {}

  /** Throws a HomeserverError when a call fails; both calls are idempotent, so retry freely. */
  async provision(session: SessionToProvision): Promise<void> {
    const emails = await this.emails.listForUser(session.userId);
    await this.homeserver.provisionUser({
      localpart: session.localpart,
      subject: session.userId,
      emails: { set: emails.map((e) => e.email) },
      locked: false,
    });
    if (session.deviceId !== undefined) {
      await this.homeserver.upsertDevice(session.localpart, session.deviceId, session.deviceName);
    }
  }
}
