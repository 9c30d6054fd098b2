import { Injectable } from '@nestjs/common';
import { AccountClosure } from '../../users/account-closure.service';
import type { JobPayloads } from '../job-definitions';
import type { JobHandler, JobOutput } from '../job-handler';

/** `reactivate-user` (MAS `ReactivateUserJob`, inventory §9). */
@Injectable()
export class ReactivateUserJob implements JobHandler<'reactivate-user'> {
  readonly queue = 'reactivate-user';

  constructor(private readonly closure: AccountClosure) {}

  async run({ userId }: JobPayloads['reactivate-user']): Promise<JobOutput> {
    return { reactivated: await this.closure.reactivate(userId) };
  }
}
