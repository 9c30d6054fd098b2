import {
  HomeserverConnection,
  type LocalpartAvailability,
  type MatrixUser,
  type ProvisionOutcome,
  type ProvisionUserRequest,
} from './homeserver-connection';
import type { HomeserverOperation } from './homeserver-errors';

/** Where skipped writes are reported. */
export interface DebugLog {
  debug(message: string): void;
}

/**
 * `matrix.kind: synapse_read_only`: reads go to the wrapped connection (the modern API); every
 * write is skipped and logged at debug level, for running beside a homeserver that another
 * service provisions (MAS crates/matrix/src/readonly.rs).
 */
export class ReadOnlyHomeserverConnection extends HomeserverConnection {
  constructor(
    private readonly inner: HomeserverConnection,
    private readonly log: DebugLog,
  ) {
    super();
  }

  get homeserver(): string {
    return this.inner.homeserver;
  }

  private skip(operation: HomeserverOperation, localpart: string): Promise<void> {
    this.log.debug(`read-only homeserver connection: skipped ${operation} for ${localpart}`);
    return Promise.resolve();
  }

  queryUser(localpart: string): Promise<MatrixUser> {
    return this.inner.queryUser(localpart);
  }

  isLocalpartAvailable(localpart: string): Promise<LocalpartAvailability> {
    return this.inner.isLocalpartAvailable(localpart);
  }

  async provisionUser(request: ProvisionUserRequest): Promise<ProvisionOutcome> {
    await this.skip('provision_user', request.localpart);
    return 'skipped';
  }

  upsertDevice(localpart: string): Promise<void> {
    return this.skip('upsert_device', localpart);
  }

  deleteDevice(localpart: string): Promise<void> {
    return this.skip('delete_device', localpart);
  }

  updateDeviceDisplayName(localpart: string): Promise<void> {
    return this.skip('update_device_display_name', localpart);
  }

  syncDevices(localpart: string): Promise<void> {
    return this.skip('sync_devices', localpart);
  }

  deleteUser(localpart: string): Promise<void> {
    return this.skip('delete_user', localpart);
  }

  reactivateUser(localpart: string): Promise<void> {
    return this.skip('reactivate_user', localpart);
  }

  setDisplayName(localpart: string): Promise<void> {
    return this.skip('set_displayname', localpart);
  }

  unsetDisplayName(localpart: string): Promise<void> {
    return this.skip('unset_displayname', localpart);
  }

  allowCrossSigningReset(localpart: string): Promise<void> {
    return this.skip('allow_cross_signing_reset', localpart);
  }
}
