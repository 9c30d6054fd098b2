import {
  type FieldChange,
  HomeserverConnection,
  isAsciiLocalpart,
  type LocalpartAvailability,
  type MatrixUser,
  type ProvisionOutcome,
  type ProvisionUserRequest,
} from './homeserver-connection';
import {
  type HomeserverOperation,
  HomeserverUnexpectedResponse,
  LocalpartUnavailable,
} from './homeserver-errors';
import { expectStatus, jsonObjectOf, SynapseHttp, type SynapseHttpOptions } from './synapse-http';

const MAS_API = '_synapse/mas/';

/** `set_<name>` or `unset_<name>` for a field change, nothing when the field is left alone. */
function fieldChange<T>(name: string, change: FieldChange<T> | undefined): Record<string, unknown> {
  if (change === undefined) return {};
  return 'set' in change ? { [`set_${name}`]: change.set } : { [`unset_${name}`]: true };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * `matrix.kind: synapse` / `synapse_modern`: Synapse ≥ 1.135's `/_synapse/mas/*` API
 * (CONTRACTS §3, every request and answer confirmed against Synapse 1.160).
 */
export class SynapseModernConnection extends HomeserverConnection {
  private readonly http: SynapseHttp;

  constructor(
    readonly homeserver: string,
    options: SynapseHttpOptions,
  ) {
    super();
    this.http = new SynapseHttp(options);
  }

  async queryUser(localpart: string): Promise<MatrixUser> {
    const answer = await this.http.call({
      operation: 'query_user',
      method: 'GET',
      path: `${MAS_API}query_user`,
      query: { localpart },
    });
    const body = jsonObjectOf('query_user', answer);
    if (typeof body.user_id !== 'string') {
      throw new HomeserverUnexpectedResponse('query_user', answer.status, null, 'no user_id');
    }
    return {
      userId: body.user_id,
      displayName: stringOrNull(body.display_name),
      avatarUrl: stringOrNull(body.avatar_url),
      isSuspended: body.is_suspended === true,
      isDeactivated: body.is_deactivated === true,
    };
  }

  async provisionUser(request: ProvisionUserRequest): Promise<ProvisionOutcome> {
    const body: Record<string, unknown> = {
      localpart: request.localpart,
      ...fieldChange('displayname', request.displayName),
      ...fieldChange('avatar_url', request.avatarUrl),
      ...fieldChange('emails', request.emails),
    };
    if (request.locked !== undefined) body.locked = request.locked;
    const answer = await this.http.call({
      operation: 'provision_user',
      method: 'POST',
      path: `${MAS_API}provision_user`,
      body,
    });
    expectStatus('provision_user', answer, 201, 200);
    return answer.status === 201 ? 'created' : 'updated';
  }

  async isLocalpartAvailable(localpart: string): Promise<LocalpartAvailability> {
    if (!isAsciiLocalpart(localpart)) return { available: false, reason: 'not_ascii' };
    try {
      await this.http.call({
        operation: 'is_localpart_available',
        method: 'GET',
        path: `${MAS_API}is_localpart_available`,
        query: { localpart },
      });
      return { available: true };
    } catch (error) {
      if (error instanceof LocalpartUnavailable) return { available: false, reason: error.reason };
      throw error;
    }
  }

  async upsertDevice(localpart: string, deviceId: string, displayName?: string): Promise<void> {
    const body: Record<string, unknown> = { localpart, device_id: deviceId };
    if (displayName !== undefined) body.display_name = displayName;
    await this.post('upsert_device', body);
  }

  async deleteDevice(localpart: string, deviceId: string): Promise<void> {
    await this.post('delete_device', { localpart, device_id: deviceId });
  }

  async updateDeviceDisplayName(
    localpart: string,
    deviceId: string,
    displayName: string,
  ): Promise<void> {
    await this.post('update_device_display_name', {
      localpart,
      device_id: deviceId,
      display_name: displayName,
    });
  }

  async syncDevices(localpart: string, deviceIds: ReadonlySet<string>): Promise<void> {
    await this.post('sync_devices', { localpart, devices: [...deviceIds] });
  }

  async deleteUser(localpart: string, options: { erase: boolean }): Promise<void> {
    await this.post('delete_user', { localpart, erase: options.erase }, true);
  }

  async reactivateUser(localpart: string): Promise<void> {
    await this.post('reactivate_user', { localpart });
  }

  async setDisplayName(localpart: string, displayName: string): Promise<void> {
    await this.post('set_displayname', { localpart, displayname: displayName });
  }

  async unsetDisplayName(localpart: string): Promise<void> {
    await this.post('unset_displayname', { localpart });
  }

  async allowCrossSigningReset(localpart: string): Promise<void> {
    await this.post('allow_cross_signing_reset', { localpart });
  }

  /** A write: POST `/_synapse/mas/<operation>`; any 2xx is success (200, 201 or 204). */
  private async post(
    operation: Exclude<
      HomeserverOperation,
      'query_user' | 'provision_user' | 'is_localpart_available'
    >,
    body: Record<string, unknown>,
    slow = false,
  ): Promise<void> {
    await this.http.call({ operation, method: 'POST', path: `${MAS_API}${operation}`, body, slow });
  }
}
