import { Injectable } from '@nestjs/common';
import { EmailConfig } from '../config';
import { MailRenderer } from './mail-renderer';
import type { OutgoingMail } from './mail-message';
import { MailTransport } from './mail-transport';

/**
 * Sends the service's mails with `email.from` and `email.reply_to`. Called from jobs only, so a
 * slow or unreachable mail server delays a mail, never a web request; a failure throws a
 * MailDeliveryError that the job engine retries with backoff.
 */
@Injectable()
export class Mailer {
  constructor(
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly config: EmailConfig,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    const rendered = this.renderer.render(mail);
    await this.transport.deliver({
      ...rendered,
      template: mail.template,
      from: this.config.from,
      replyTo: this.config.reply_to,
      to: mail.to,
    });
  }
}
