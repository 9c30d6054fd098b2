import { Module } from '@nestjs/common';
import { EmailVerificationModule } from '../../email-verification';
import { WebPageErrorFilter } from '../../web-session';
import { AccountEmailsController } from './account-emails.controller';
import { AccountEmailsPages } from './account-emails.service';

/** `/account/emails` (resource `human`): the signed-in user's email addresses. */
@Module({
  imports: [EmailVerificationModule],
  controllers: [AccountEmailsController],
  providers: [AccountEmailsPages, WebPageErrorFilter],
})
export class AccountEmailsModule {}
