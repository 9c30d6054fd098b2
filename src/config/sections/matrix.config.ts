import type { ConfigProblem } from '../config-error';
import { exactlyOne, type CrossChecked } from '../validation/cross-check';
import { NonEmptyStr, OneOf, Opt, Str, Url } from '../validation/rules';
import { secretValue } from '../validation/secret-files';

/** `matrix.kind` values (MAS crates/config/src/sections/matrix.rs). */
export const HOMESERVER_KINDS = [
  'synapse',
  'synapse_modern',
  'synapse_legacy',
  'synapse_read_only',
] as const;
export type HomeserverKind = (typeof HOMESERVER_KINDS)[number];

/** `matrix`: the homeserver connection (MAS docs/reference/configuration.md#matrix). */
export class MatrixConfig implements CrossChecked {
  @OneOf(HOMESERVER_KINDS) kind: HomeserverKind = 'synapse';

  /** The homeserver's `server_name`. */
  @NonEmptyStr() homeserver: string = 'localhost:8008';

  /** Shared secret for the homeserver's admin API. */
  @Opt() @Str() secret?: string;
  @Opt() @Str() secret_file?: string;
  /** mas-ts alias of `secret_file` (Synapse's spelling, used in the homeserver setup guide). */
  @Opt() @Str() secret_path?: string;

  /** Base URL of the homeserver's client API. */
  @Url() endpoint: string = 'http://localhost:8008/';

  crossCheck(): ConfigProblem[] {
    return exactlyOne(this, 'secret', 'secret_file', 'secret_path');
  }

  /** The shared secret, inline or read from `secret_file` / `secret_path`. */
  sharedSecret(): string {
    return secretValue(this, 'secret', 'secret_file', 'secret_path') ?? '';
  }

  /** `endpoint`, ending with `/`. */
  get endpointUrl(): string {
    return this.endpoint.endsWith('/') ? this.endpoint : `${this.endpoint}/`;
  }
}
