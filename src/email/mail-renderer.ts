import { Injectable } from '@nestjs/common';
import { BrandingConfig, HttpConfig } from '../config';
import { TemplateRenderer } from '../templates';
import type { OutgoingMail, RenderedMail } from './mail-message';

/**
 * Renders a mail from its views `emails/<template>.html.njk` and `emails/<template>.txt.njk`
 * (an admin's `templates.path` may override them) and the subject `emails.<template>.subject`,
 * in the mail's locale.
 */
@Injectable()
export class MailRenderer {
  private readonly serviceName: string;

  constructor(
    private readonly renderer: TemplateRenderer,
    branding: BrandingConfig,
    http: HttpConfig,
  ) {
    this.serviceName = branding.service_name ?? new URL(http.publicBaseUrl).host;
  }

  render(mail: OutgoingMail): RenderedMail {
    const context = { ...mail.context, service_name: this.serviceName };
    const t = this.renderer.translations.translator(mail.locale);
    return {
      subject: t(`emails.${mail.template}.subject`, { service: this.serviceName }),
      text: this.renderer.renderText(`emails/${mail.template}.txt.njk`, context, mail.locale),
      html: this.renderer.render(`emails/${mail.template}.html.njk`, context, mail.locale),
    };
  }
}
