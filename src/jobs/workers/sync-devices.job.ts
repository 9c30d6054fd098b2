import { Injectable } from '@nestjs/common';
import { DeviceSync } from '../../homeserver/device-sync.service';
import type { JobPayloads } from '../job-definitions';
import type { JobHandler, JobOutput } from '../job-handler';

/** `sync-devices`: pushes the user's full device set (MAS `SyncDevicesJob`). */
@Injectable()
export class SyncDevicesJob implements JobHandler<'sync-devices'> {
  readonly queue = 'sync-devices';

  constructor(private readonly deviceSync: DeviceSync) {}

  async run({ userId }: JobPayloads['sync-devices']): Promise<JobOutput> {
    const devices = await this.deviceSync.syncNow(userId);
    return devices === null ? { skipped: 'unknown or deactivated user' } : { devices };
  }
}
