import type { ConfigProblem } from '../config-error';
import { isSet, type CrossChecked } from '../validation/cross-check';
import { Int, NonEmptyStr, OneOf, Opt, Str } from '../validation/rules';

export const EMAIL_TRANSPORTS = ['blackhole', 'smtp', 'sendmail'] as const;
export type EmailTransport = (typeof EMAIL_TRANSPORTS)[number];
export const SMTP_MODES = ['plain', 'tls', 'starttls'] as const;
export type SmtpMode = (typeof SMTP_MODES)[number];

/** MAS default `from` and `reply_to` (crates/config/src/sections/email.rs). */
export const DEFAULT_EMAIL_ADDRESS = '"Authentication Service" <root@localhost>';

const SMTP_KEYS = ['mode', 'hostname', 'port', 'username', 'password'];

/** `email` (MAS docs/reference/configuration.md#email). */
export class EmailConfig implements CrossChecked {
  @NonEmptyStr() from: string = DEFAULT_EMAIL_ADDRESS;
  @NonEmptyStr() reply_to: string = DEFAULT_EMAIL_ADDRESS;
  @OneOf(EMAIL_TRANSPORTS) transport: EmailTransport = 'blackhole';

  @Opt() @OneOf(SMTP_MODES) mode?: SmtpMode;
  @Opt() @NonEmptyStr() hostname?: string;
  /** Default 25 (plain), 465 (tls) or 587 (starttls). */
  @Opt() @Int(1, 65535) port?: number;
  @Opt() @Str() username?: string;
  @Opt() @Str() password?: string;

  /** sendmail command. */
  @Opt() @NonEmptyStr() command?: string;

  crossCheck(): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (this.transport === 'smtp') {
      if (!isSet(this, 'mode')) problems.push({ path: 'mode', message: 'is required for smtp' });
      if (!isSet(this, 'hostname'))
        problems.push({ path: 'hostname', message: 'is required for smtp' });
      if (isSet(this, 'username') !== isSet(this, 'password')) {
        problems.push({ path: '', message: 'username and password must be set together' });
      }
      if (isSet(this, 'command'))
        problems.push({ path: 'command', message: 'only applies to sendmail' });
    } else if (this.transport === 'sendmail') {
      if (!isSet(this, 'command'))
        problems.push({ path: 'command', message: 'is required for sendmail' });
      for (const key of SMTP_KEYS.filter((k) => isSet(this, k))) {
        problems.push({ path: key, message: 'only applies to smtp' });
      }
    }
    return problems;
  }

  /** SMTP port with the mode's default. */
  smtpPort(): number {
    return this.port ?? (this.mode === 'tls' ? 465 : this.mode === 'starttls' ? 587 : 25);
  }
}
