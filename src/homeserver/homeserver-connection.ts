import type { LocalpartUnavailableReason } from './homeserver-errors';

/** A Matrix user as the homeserver knows it (`query_user`). */
export interface MatrixUser {
  /** The full user ID, `@localpart:server_name`. */
  userId: string;
  displayName: string | null;
  avatarUrl: string | null;
  isSuspended: boolean;
  isDeactivated: boolean;
}

/** A profile field to change: set it to a value, or unset (clear) it. Absent: leave it. */
export type FieldChange<T> = { set: T } | { unset: true };

/** What `provisionUser` creates or updates on the homeserver. */
export interface ProvisionUserRequest {
  localpart: string;
  /** The user's `sub` (our user id); the legacy admin API records it as an external id. */
  subject: string;
  displayName?: FieldChange<string>;
  avatarUrl?: FieldChange<string>;
  /** The full list of the user's email addresses (the homeserver replaces its own list). */
  emails?: FieldChange<string[]>;
  /** Lock (true) or unlock (false) the account; absent leaves it as it is. */
  locked?: boolean;
}

/** `created`: a new account; `updated`: it existed; `skipped`: a read-only connection. */
export type ProvisionOutcome = 'created' | 'updated' | 'skipped';

export type LocalpartAvailability =
  { available: true } | { available: false; reason: LocalpartUnavailableReason };

/**
 * The homeserver this service delegates accounts to, and the DI token for it. Implementations
 * follow `matrix.kind` (see create-homeserver-connection.ts and docs/homeserver.md). Every
 * method throws a `HomeserverError` subclass when the call fails (homeserver-errors.ts);
 * `localpart` is always the bare localpart of a user of `homeserver`.
 */
export abstract class HomeserverConnection {
  /** The homeserver's `server_name` (`matrix.homeserver`). */
  abstract readonly homeserver: string;

  /** The full Matrix user ID of `localpart` on this homeserver. */
  mxid(localpart: string): string {
    return `@${localpart}:${this.homeserver}`;
  }

  /** The user's profile and status. HomeserverNotFound when the user does not exist. */
  abstract queryUser(localpart: string): Promise<MatrixUser>;

  /** Creates the user, or updates the given fields of an existing one. */
  abstract provisionUser(request: ProvisionUserRequest): Promise<ProvisionOutcome>;

  /**
   * Whether a new account could take `localpart`. Unavailable localparts are a result, not an
   * error; other failures throw.
   */
  abstract isLocalpartAvailable(localpart: string): Promise<LocalpartAvailability>;

  /**
   * Creates the device, or updates an existing one (its display name when one is given).
   * HomeserverNotFound when the user does not exist.
   */
  abstract upsertDevice(localpart: string, deviceId: string, displayName?: string): Promise<void>;

  /** Deletes the device and logs it out. HomeserverNotFound when the user does not exist. */
  abstract deleteDevice(localpart: string, deviceId: string): Promise<void>;

  /** Renames the device. HomeserverNotFound when the user or the device does not exist. */
  abstract updateDeviceDisplayName(
    localpart: string,
    deviceId: string,
    displayName: string,
  ): Promise<void>;

  /**
   * Makes the user's device list exactly `deviceIds`: the homeserver deletes every other device
   * and creates the missing ones. HomeserverNotFound when the user does not exist.
   */
  abstract syncDevices(localpart: string, deviceIds: ReadonlySet<string>): Promise<void>;

  /** Deactivates the user, erasing their data too when `erase` (GDPR erasure). */
  abstract deleteUser(localpart: string, options: { erase: boolean }): Promise<void>;

  /** Reactivates a deactivated user. */
  abstract reactivateUser(localpart: string): Promise<void>;

  abstract setDisplayName(localpart: string, displayName: string): Promise<void>;

  abstract unsetDisplayName(localpart: string): Promise<void>;

  /** Lets the user replace their cross-signing keys without interactive auth for 10 minutes. */
  abstract allowCrossSigningReset(localpart: string): Promise<void>;
}

/** MAS rejects non-ASCII localparts locally: Synapse answers them with a generic error. */
export function isAsciiLocalpart(localpart: string): boolean {
  return Buffer.byteLength(localpart, 'utf8') === localpart.length;
}
