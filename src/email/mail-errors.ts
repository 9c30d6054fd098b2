/**
 * A mail could not be handed to the mail server. `transient` (read by the job engine,
 * job-failure.ts) is false only when the server refused the mail for good with a 5xx reply
 * (RFC 5321 §4.2.1: "permanent negative completion"); connection failures, timeouts and 4xx
 * replies are retried. The message never holds the SMTP password nor the mail's content.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

/** What nodemailer's errors carry (`code`: ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, ...). */
interface NodemailerError {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/** A nodemailer error as a MailDeliveryError, judged by its SMTP reply code. */
export function toDeliveryError(error: unknown): MailDeliveryError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  const code = typeof e.code === 'string' ? e.code : 'EUNKNOWN';
  const permanent = reply !== null && reply >= 500 && reply < 600;
  const message =
    reply !== null
      ? `mail server refused the mail (${code}, reply ${reply})`
      : `mail could not be sent (${code})`;
  return new MailDeliveryError(message, !permanent, { cause: error });
}
