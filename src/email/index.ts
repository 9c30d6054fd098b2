export { EmailModule } from './email.module';
export { MailDeliveryError } from './mail-errors';
export type { OutgoingMail, RecoveryMailContext, RenderedMail } from './mail-message';
export { MailRenderer } from './mail-renderer';
export { Mailer } from './mailer.service';
