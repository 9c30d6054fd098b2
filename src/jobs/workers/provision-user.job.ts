import { Injectable } from '@nestjs/common';
import { DeviceSync } from '../../homeserver/device-sync.service';
import { UserProvisioner } from '../../homeserver/user-provisioner.service';
import type { JobPayloads } from '../job-definitions';
import type { JobHandler, JobOutput } from '../job-handler';

/**
 * `provision-user`: pushes the user's email addresses, locked flag and (when given) display
 * name, then enqueues a device sync (MAS `ProvisionUserJob`).
 */
@Injectable()
export class ProvisionUserJob implements JobHandler<'provision-user'> {
  readonly queue = 'provision-user';

  constructor(
    private readonly provisioner: UserProvisioner,
    private readonly deviceSync: DeviceSync,
  ) {}

  async run({ userId, displayName, avatarUrl }: JobPayloads['provision-user']): Promise<JobOutput> {
    const outcome = await this.provisioner.push(userId, { displayName, avatarUrl });
    if (outcome === 'created' || outcome === 'updated' || outcome === 'skipped') {
      await this.deviceSync.requestSync(userId);
    }
    return { outcome };
  }
}
