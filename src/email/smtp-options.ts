import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { EmailConfig } from '../config';

/** Bounds on one delivery, so a stuck server fails the job attempt instead of hanging it. */
export const SMTP_TIMEOUTS_MS = { connection: 30_000, greeting: 30_000, socket: 60_000 };

/**
 * nodemailer's SMTP options for `email` with `transport: smtp` (MAS
 * docs/reference/configuration.md#email): `plain` never upgrades to TLS, `tls` is implicit TLS
 * from the first byte (RFC 8314 §3.3, port 465), `starttls` requires the STARTTLS upgrade
 * (RFC 3207) and fails rather than send in clear. Certificates are verified.
 */
export function smtpTransportOptions(config: EmailConfig): SMTPTransport.Options {
  const mode = config.mode ?? 'plain';
  return {
    host: config.hostname,
    port: config.smtpPort(),
    secure: mode === 'tls',
    requireTLS: mode === 'starttls',
    ignoreTLS: mode === 'plain',
    auth:
      config.username !== undefined && config.password !== undefined
        ? { user: config.username, pass: config.password }
        : undefined,
    connectionTimeout: SMTP_TIMEOUTS_MS.connection,
    greetingTimeout: SMTP_TIMEOUTS_MS.greeting,
    socketTimeout: SMTP_TIMEOUTS_MS.socket,
    logger: false,
    debug: false,
  };
}
