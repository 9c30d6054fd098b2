import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait-for';

/** A mail the sink received, as a person's mail client would show it. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  envelopeFrom: string | null;
  from: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
  /** The message as received (headers and MIME body). */
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps every mail it accepts (no TLS, no AUTH). */
export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** The mails sent to `address` so far. */
  mailsTo(address: string): ReceivedMail[];
  /** Waits (bounded) until `count` mails were sent to `address`; returns them. */
  waitForMailsTo(address: string, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function addressText(value: { text?: string } | { text?: string }[] | undefined): string {
  if (!value) return '';
  return Array.isArray(value) ? value.map((v) => v.text ?? '').join(', ') : (value.text ?? '');
}

/**
 * Starts the sink on `port` (0: any free port). Mails are parsed with mailparser once the
 * DATA phase ends, before the server answers 250, so a sender that saw 250 finds its mail in
 * `mails`.
 */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              from: addressText(parsed.from),
              replyTo: addressText(parsed.replyTo),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              raw: raw.toString('utf8'),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  const mailsTo = (address: string) =>
    mails.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  return {
    port: bound,
    mails,
    mailsTo,
    waitForMailsTo: (address, count = 1, timeoutMs = 20_000) =>
      waitFor(
        `${count} mail(s) to ${address}`,
        () => {
          const got = mailsTo(address);
          return got.length >= count ? got : null;
        },
        timeoutMs,
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port where nothing listens (a sink was bound to it, then closed). */
export async function closedSmtpPort(): Promise<number> {
  const sink = await startSmtpSink();
  await sink.close();
  return sink.port;
}

/** The `email` config that sends to `port` on 127.0.0.1 in plain SMTP. */
export function smtpSinkConfig(port: number): string {
  return `
email:
  from: '"Example Auth" <auth@example.test>'
  reply_to: '"Example Support" <support@example.test>'
  transport: smtp
  mode: plain
  hostname: 127.0.0.1
  port: ${port}
`;
}

/** The recovery link of a mail (from its plain-text part). */
export function recoveryLinkOf(mail: ReceivedMail): URL {
  const match = /https?:\/\/\S+\/account\/password\/recovery\?ticket=[A-Za-z0-9]+/.exec(mail.text);
  if (!match) throw new Error(`no recovery link in the mail "${mail.subject}"`);
  return new URL(match[0]);
}
