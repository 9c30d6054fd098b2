import { Injectable } from '@nestjs/common';
import { RecoveryLinks } from '../../recovery/recovery-links.service';
import type { JobPayloads } from '../job-definitions';
import type { JobHandler, JobOutput } from '../job-handler';

/**
 * `send-account-recovery-email`: mails the links of one password recovery session (MAS
 * `SendAccountRecoveryEmailsJob`). A mail server that is down or answers 4xx fails the attempt
 * and the job is retried with backoff; a 5xx refusal fails it for good (email/mail-errors.ts).
 */
@Injectable()
export class SendAccountRecoveryEmailJob implements JobHandler<'send-account-recovery-email'> {
  readonly queue = 'send-account-recovery-email';

  constructor(private readonly links: RecoveryLinks) {}

  async run({ recoverySessionId }: JobPayloads['send-account-recovery-email']): Promise<JobOutput> {
    return { ...(await this.links.send(recoverySessionId)) };
  }
}
