import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { EmailConfig } from '../config';
import { toDeliveryError } from './mail-errors';
import type { MailEnvelope } from './mail-message';
import { smtpTransportOptions } from './smtp-options';

/** Hands rendered mails to the configured mail system (the DI token). */
export abstract class MailTransport {
  /** Throws a MailDeliveryError when the mail could not be handed over. */
  abstract deliver(mail: MailEnvelope): Promise<void>;
}

/** `transport: blackhole` (MAS's default): mails are dropped, and only that is logged. */
export class BlackholeTransport extends MailTransport {
  private readonly logger = new Logger('Mailer');

  deliver(mail: MailEnvelope): Promise<void> {
    this.logger.debug(`email.transport is blackhole: dropped a ${mail.template} mail`);
    return Promise.resolve();
  }
}

/** `transport: smtp` or `sendmail`, through nodemailer. */
export class NodemailerTransport extends MailTransport implements OnApplicationShutdown {
  constructor(private readonly transporter: Transporter) {
    super();
  }

  async deliver(mail: MailEnvelope): Promise<void> {
    try {
      await this.transporter.sendMail({
        from: mail.from,
        replyTo: mail.replyTo,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/** The transport `email.transport` names. */
export function createMailTransport(config: EmailConfig): MailTransport {
  switch (config.transport) {
    case 'blackhole':
      return new BlackholeTransport();
    case 'smtp':
      return new NodemailerTransport(createTransport(smtpTransportOptions(config)));
    case 'sendmail':
      // The configured program gets the message on stdin, with `-i -f <from> -- <to>`.
      return new NodemailerTransport(
        createTransport({ sendmail: true, path: config.command, newline: 'unix' }),
      );
  }
}
