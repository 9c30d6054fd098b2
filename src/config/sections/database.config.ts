import { resolve } from 'node:path';
import type { ConfigProblem } from '../config-error';
import { atMostOne, isSet, type CrossChecked } from '../validation/cross-check';
import { Int, NonEmptyStr, OneOf, Opt, Str } from '../validation/rules';
import { secretValue } from '../validation/secret-files';

export const SSL_MODES = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** mas-ts default directory of the embedded PGlite database. */
export const DEFAULT_DATA_DIR = 'data/pglite';

const SERVER_KEYS = ['host', 'port', 'socket', 'username', 'password', 'password_file', 'database'];

/**
 * `database` (MAS docs/reference/configuration.md#database). mas-ts extension: with none of
 * `uri`, `host` or `socket` set, the service runs on an embedded PGlite in `data_dir`.
 */
export class DatabaseConfig implements CrossChecked {
  /** libpq connection URI, e.g. `postgresql://user:pass@host:5432/db`. */
  @Opt() @NonEmptyStr() uri?: string;
  @Opt() @NonEmptyStr() host?: string;
  @Opt() @Int(1, 65535) port?: number;
  @Opt() @NonEmptyStr() socket?: string;
  @Opt() @Str() username?: string;
  @Opt() @Str() password?: string;
  @Opt() @Str() password_file?: string;
  @Opt() @Str() database?: string;

  @Opt() @OneOf(SSL_MODES) ssl_mode?: SslMode;
  @Opt() @Str() ssl_ca?: string;
  @Opt() @Str() ssl_ca_file?: string;
  @Opt() @Str() ssl_certificate?: string;
  @Opt() @Str() ssl_certificate_file?: string;
  @Opt() @Str() ssl_key?: string;
  @Opt() @Str() ssl_key_file?: string;

  @Int(0) min_connections: number = 0;
  @Int(1) max_connections: number = 10;
  /** Seconds. */
  @Int(0) connect_timeout: number = 30;
  /** Seconds. */
  @Opt() @Int(0) idle_timeout?: number = 600;
  /** Seconds. */
  @Opt() @Int(0) max_lifetime?: number = 1800;

  /** mas-ts: embedded PGlite directory, relative to the working directory. */
  @NonEmptyStr() data_dir: string = DEFAULT_DATA_DIR;

  crossCheck(): ConfigProblem[] {
    const problems: ConfigProblem[] = [
      ...atMostOne(this, 'password', 'password_file'),
      ...atMostOne(this, 'host', 'socket'),
      ...atMostOne(this, 'ssl_ca', 'ssl_ca_file'),
      ...atMostOne(this, 'ssl_certificate', 'ssl_certificate_file'),
      ...atMostOne(this, 'ssl_key', 'ssl_key_file'),
    ];
    if (isSet(this, 'uri')) {
      const mixed = SERVER_KEYS.filter((k) => isSet(this, k));
      if (mixed.length > 0) {
        problems.push({ path: '', message: `uri cannot be combined with ${mixed.join(', ')}` });
      }
    }
    if (
      typeof this.min_connections === 'number' &&
      typeof this.max_connections === 'number' &&
      this.min_connections > this.max_connections
    ) {
      problems.push({ path: 'min_connections', message: 'must not exceed max_connections' });
    }
    return problems;
  }

  /** `embedded` (PGlite) unless one of `uri`, `host` or `socket` is set. */
  mode(): 'embedded' | 'server' {
    return isSet(this, 'uri') || isSet(this, 'host') || isSet(this, 'socket')
      ? 'server'
      : 'embedded';
  }

  /** Absolute path of `data_dir`. */
  dataDirPath(): string {
    return resolve(this.data_dir);
  }

  passwordValue(): string | undefined {
    return secretValue(this, 'password', 'password_file');
  }

  sslCaValue(): string | undefined {
    return secretValue(this, 'ssl_ca', 'ssl_ca_file');
  }

  sslCertificateValue(): string | undefined {
    return secretValue(this, 'ssl_certificate', 'ssl_certificate_file');
  }

  sslKeyValue(): string | undefined {
    return secretValue(this, 'ssl_key', 'ssl_key_file');
  }
}
