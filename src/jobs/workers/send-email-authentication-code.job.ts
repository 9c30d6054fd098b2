import { Injectable } from '@nestjs/common';
import { EmailCodeMailer } from '../../email-verification/email-code-mailer.service';
import type { JobPayloads } from '../job-definitions';
import type { JobHandler, JobOutput } from '../job-handler';

/**
 * `send-email-authentication-code`: mails a verification code (MAS
 * `SendEmailAuthenticationCodeJob`). Mail failures are retried as for the recovery mail.
 */
@Injectable()
export class SendEmailAuthenticationCodeJob implements JobHandler<'send-email-authentication-code'> {
  readonly queue = 'send-email-authentication-code';

  constructor(private readonly codes: EmailCodeMailer) {}

  async run({
    authenticationId,
    locale,
  }: JobPayloads['send-email-authentication-code']): Promise<JobOutput> {
    return { ...(await this.codes.send(authenticationId, locale)) };
  }
}
