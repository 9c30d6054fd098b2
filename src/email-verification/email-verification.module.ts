import { Module } from '@nestjs/common';
import { EmailModule } from '../email';
import { PolicyModule } from '../policy';
import { EmailCodeMailer } from './email-code-mailer.service';
import { EmailVerifications } from './email-verifications.service';

/**
 * Email verification by 6-digit code, shared by registration, /account/emails (EmailVerifications)
 * and the mail job (EmailCodeMailer). Needs the global config, core, database, storage, jobs and
 * rate-limit modules.
 */
@Module({
  imports: [EmailModule, PolicyModule],
  providers: [EmailVerifications, EmailCodeMailer],
  exports: [EmailVerifications, EmailCodeMailer],
})
export class EmailVerificationModule {}
