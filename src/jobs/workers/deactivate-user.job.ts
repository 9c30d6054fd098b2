import { Injectable } from '@nestjs/common';
import { AccountClosure } from '../../users/account-closure.service';
import type { JobPayloads } from '../job-definitions';
import type { JobHandler, JobOutput } from '../job-handler';

/** `deactivate-user` (MAS `DeactivateUserJob`, inventory §9). */
@Injectable()
export class DeactivateUserJob implements JobHandler<'deactivate-user'> {
  readonly queue = 'deactivate-user';

  constructor(private readonly closure: AccountClosure) {}

  async run({ userId, hsErase }: JobPayloads['deactivate-user']): Promise<JobOutput> {
    return { ...(await this.closure.deactivate(userId, hsErase)) };
  }
}
