import { Module } from '@nestjs/common';
import { EmailConfig } from '../config';
import { TemplatesModule } from '../templates/templates.module';
import { MailRenderer } from './mail-renderer';
import { createMailTransport, MailTransport } from './mail-transport';
import { Mailer } from './mailer.service';

/**
 * Outgoing mail (`email`: blackhole, smtp or sendmail) rendered from the templates. Needs the
 * global config; brings the templates itself, so a worker-only process can send mail too.
 */
@Module({
  imports: [TemplatesModule],
  providers: [
    { provide: MailTransport, inject: [EmailConfig], useFactory: createMailTransport },
    MailRenderer,
    Mailer,
  ],
  exports: [Mailer],
})
export class EmailModule {}
