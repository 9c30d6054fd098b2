import {
  type FieldChange,
  HomeserverConnection,
  isAsciiLocalpart,
  type LocalpartAvailability,
  type MatrixUser,
  type ProvisionOutcome,
  type ProvisionUserRequest,
} from './homeserver-connection';
import { HomeserverUnexpectedResponse, LocalpartUnavailable } from './homeserver-errors';
import { expectStatus, jsonObjectOf, SynapseHttp, type SynapseHttpOptions } from './synapse-http';

/** The `auth_provider` of the external id that ties a Synapse account to our `sub` (as MAS). */
export const LEGACY_AUTH_PROVIDER = 'oauth-delegated';

/** The value the admin API takes for a field change; "" clears a profile field. */
function adminValue<T>(change: FieldChange<T>, cleared: T): T {
  return 'set' in change ? change.set : cleared;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * `matrix.kind: synapse_legacy`: Synapse's admin API, for homeservers of the
 * `experimental_features.msc3861` era that lack `/_synapse/mas/*` (inventory §7). The shared
 * secret is Synapse's `admin_token`. Operations without a single admin endpoint are composed:
 * - `upsertDevice` with a name: create (POST …/devices), then rename (PUT …/devices/{id}),
 *   because the create endpoint takes no name;
 * - `syncDevices`: list (GET …/devices, dehydrated devices left alone), delete the extra ones
 *   (POST …/delete_devices), then create the missing ones one by one;
 * - `unsetDisplayName`, and unsetting a profile field in `provisionUser`: set it to "", which
 *   the admin and profile APIs treat as removal; unsetting emails sends `threepids: []`.
 */
export class SynapseLegacyConnection extends HomeserverConnection {
  private readonly http: SynapseHttp;

  constructor(
    readonly homeserver: string,
    options: SynapseHttpOptions,
  ) {
    super();
    this.http = new SynapseHttp(options);
  }

  /** `_synapse/admin/v2/users/<mxid>` with the user ID percent-encoded. */
  private userPath(localpart: string): string {
    return `_synapse/admin/v2/users/${encodeURIComponent(this.mxid(localpart))}`;
  }

  private devicePath(localpart: string, deviceId: string): string {
    return `${this.userPath(localpart)}/devices/${encodeURIComponent(deviceId)}`;
  }

  async queryUser(localpart: string): Promise<MatrixUser> {
    const answer = await this.http.call({
      operation: 'query_user',
      method: 'GET',
      path: this.userPath(localpart),
    });
    const body = jsonObjectOf('query_user', answer);
    return {
      userId: typeof body.name === 'string' ? body.name : this.mxid(localpart),
      displayName: stringOrNull(body.displayname),
      avatarUrl: stringOrNull(body.avatar_url),
      isSuspended: body.suspended === true,
      isDeactivated: body.deactivated === true,
    };
  }

  async provisionUser(request: ProvisionUserRequest): Promise<ProvisionOutcome> {
    const body: Record<string, unknown> = {
      external_ids: [{ auth_provider: LEGACY_AUTH_PROVIDER, external_id: request.subject }],
    };
    if (request.displayName) body.displayname = adminValue(request.displayName, '');
    if (request.avatarUrl) body.avatar_url = adminValue(request.avatarUrl, '');
    if (request.emails) {
      body.threepids = adminValue(request.emails, []).map((address) => ({
        medium: 'email',
        address,
      }));
    }
    // Synapse ≥ 1.93 admin API; MAS's legacy connector does not send it.
    if (request.locked !== undefined) body.locked = request.locked;
    const answer = await this.http.call({
      operation: 'provision_user',
      method: 'PUT',
      path: this.userPath(request.localpart),
      body,
    });
    expectStatus('provision_user', answer, 201, 200);
    return answer.status === 201 ? 'created' : 'updated';
  }

  async isLocalpartAvailable(localpart: string): Promise<LocalpartAvailability> {
    if (!isAsciiLocalpart(localpart)) return { available: false, reason: 'not_ascii' };
    try {
      const answer = await this.http.call({
        operation: 'is_localpart_available',
        method: 'GET',
        path: '_synapse/admin/v1/username_available',
        query: { username: localpart },
      });
      const body = jsonObjectOf('is_localpart_available', answer);
      if (body.available === true) return { available: true };
      // Synapse answers a taken name with 400 M_USER_IN_USE; `available: false` means the same.
      return { available: false, reason: 'user_in_use' };
    } catch (error) {
      if (error instanceof LocalpartUnavailable) return { available: false, reason: error.reason };
      throw error;
    }
  }

  async upsertDevice(localpart: string, deviceId: string, displayName?: string): Promise<void> {
    await this.createDevice(localpart, deviceId);
    if (displayName !== undefined) {
      await this.renameDevice('upsert_device', localpart, deviceId, displayName);
    }
  }

  /** POST …/devices: creates the device, or does nothing when it exists (201 either way). */
  private async createDevice(localpart: string, deviceId: string): Promise<void> {
    await this.http.call({
      operation: 'upsert_device',
      method: 'POST',
      path: `${this.userPath(localpart)}/devices`,
      body: { device_id: deviceId },
    });
  }

  private async renameDevice(
    operation: 'upsert_device' | 'update_device_display_name',
    localpart: string,
    deviceId: string,
    displayName: string,
  ): Promise<void> {
    await this.http.call({
      operation,
      method: 'PUT',
      path: this.devicePath(localpart, deviceId),
      body: { display_name: displayName },
    });
  }

  async deleteDevice(localpart: string, deviceId: string): Promise<void> {
    await this.http.call({
      operation: 'delete_device',
      method: 'DELETE',
      path: this.devicePath(localpart, deviceId),
    });
  }

  async updateDeviceDisplayName(
    localpart: string,
    deviceId: string,
    displayName: string,
  ): Promise<void> {
    await this.renameDevice('update_device_display_name', localpart, deviceId, displayName);
  }

  async syncDevices(localpart: string, deviceIds: ReadonlySet<string>): Promise<void> {
    const answer = await this.http.call({
      operation: 'sync_devices',
      method: 'GET',
      path: `${this.userPath(localpart)}/devices`,
    });
    const listed = jsonObjectOf('sync_devices', answer).devices;
    if (!Array.isArray(listed)) {
      throw new HomeserverUnexpectedResponse('sync_devices', answer.status, null, 'no devices');
    }
    const existing = new Set<string>();
    for (const device of listed as unknown[]) {
      if (typeof device !== 'object' || device === null) continue;
      const { device_id: id, dehydrated } = device as Record<string, unknown>;
      // A dehydrated device (MSC3814) belongs to no session; MAS leaves it alone too.
      if (typeof id === 'string' && dehydrated !== true) existing.add(id);
    }
    const extra = [...existing].filter((id) => !deviceIds.has(id));
    if (extra.length > 0) {
      await this.http.call({
        operation: 'sync_devices',
        method: 'POST',
        path: `${this.userPath(localpart)}/delete_devices`,
        body: { devices: extra },
      });
    }
    for (const id of deviceIds) {
      if (!existing.has(id)) await this.createDevice(localpart, id);
    }
  }

  async deleteUser(localpart: string, options: { erase: boolean }): Promise<void> {
    await this.http.call({
      operation: 'delete_user',
      method: 'POST',
      path: `_synapse/admin/v1/deactivate/${encodeURIComponent(this.mxid(localpart))}`,
      body: { erase: options.erase },
      slow: true,
    });
  }

  async reactivateUser(localpart: string): Promise<void> {
    await this.http.call({
      operation: 'reactivate_user',
      method: 'PUT',
      path: this.userPath(localpart),
      body: { deactivated: false },
    });
  }

  async setDisplayName(localpart: string, displayName: string): Promise<void> {
    await this.putDisplayName('set_displayname', localpart, displayName);
  }

  async unsetDisplayName(localpart: string): Promise<void> {
    await this.putDisplayName('unset_displayname', localpart, '');
  }

  /** The client-server profile API, which the admin token may use for any local user. */
  private async putDisplayName(
    operation: 'set_displayname' | 'unset_displayname',
    localpart: string,
    displayName: string,
  ): Promise<void> {
    await this.http.call({
      operation,
      method: 'PUT',
      path: `_matrix/client/v3/profile/${encodeURIComponent(this.mxid(localpart))}/displayname`,
      body: { displayname: displayName },
    });
  }

  async allowCrossSigningReset(localpart: string): Promise<void> {
    await this.http.call({
      operation: 'allow_cross_signing_reset',
      method: 'POST',
      path:
        `_synapse/admin/v1/users/${encodeURIComponent(this.mxid(localpart))}` +
        '/_allow_cross_signing_replacement_without_uia',
      body: {},
    });
  }
}
