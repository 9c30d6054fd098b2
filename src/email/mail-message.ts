/** What the password recovery mail shows (MAS templates/emails/recovery.*). */
export interface RecoveryMailContext {
  /** The localpart of the account the link recovers. */
  username: string;
  /** `@username:server`. */
  mxid: string;
  /** The single-use link; a secret, never logged. */
  link: string;
  /** How long the link stays valid. */
  minutes: number;
}

/** What the verification code mail shows (MAS templates/emails/verification.*). */
export interface VerificationMailContext {
  /** The 6-digit code; a secret, never logged. */
  code: string;
  /** The address being verified. */
  email: string;
  /** How long the code stays valid. */
  minutes: number;
}

interface Mail<T extends string, C> {
  template: T;
  to: string;
  /** The locale of the request that caused the mail. */
  locale: string;
  context: C;
}

/** A mail the service sends: which template, to whom, in which language, with what values. */
export type OutgoingMail =
  Mail<'recovery', RecoveryMailContext> | Mail<'verification', VerificationMailContext>;

export type MailTemplate = OutgoingMail['template'];

/** A mail rendered from its templates. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A rendered mail with its addresses, as the transports take it. */
export interface MailEnvelope extends RenderedMail {
  /** For log lines only: which template it came from. */
  template: MailTemplate;
  from: string;
  replyTo: string;
  to: string;
}
