import type { ConfigProblem } from '../config-error';
import { atMostOne, isSet, type CrossChecked } from '../validation/cross-check';
import { OneOf, Opt, Rule, Str, Ulid, Url, UrlList, isPlainObject } from '../validation/rules';
import { secretValue } from '../validation/secret-files';

/** `clients[].client_auth_method` values (MAS crates/config/src/sections/clients.rs). */
export const CLIENT_AUTH_METHODS = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

const SECRET_METHODS: readonly string[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
];

const isJwks = (v: unknown): boolean => isPlainObject(v) && Array.isArray(v.keys);

/** One entry of `clients` (MAS docs/reference/configuration.md#clients). */
export class ClientConfig implements CrossChecked {
  @Ulid() client_id!: string;

  @OneOf(CLIENT_AUTH_METHODS) client_auth_method!: ClientAuthMethod;

  @Opt() @Str() client_name?: string;
  @Opt() @Url() client_uri?: string;

  @Opt() @Str() client_secret?: string;
  @Opt() @Str() client_secret_file?: string;

  /** Public JWKS for `private_key_jwt`. */
  @Opt() @Rule('jwks', isJwks, 'must be a JWKS object with a keys list') jwks?: { keys: unknown[] };
  @Opt() @Url() jwks_uri?: string;

  @Opt() @UrlList() redirect_uris?: string[];

  crossCheck(): ConfigProblem[] {
    const problems = atMostOne(this, 'client_secret', 'client_secret_file');
    const method = this.client_auth_method;
    const hasSecret = isSet(this, 'client_secret') || isSet(this, 'client_secret_file');
    const hasJwks = isSet(this, 'jwks') || isSet(this, 'jwks_uri');
    if (SECRET_METHODS.includes(method)) {
      if (!hasSecret) {
        problems.push({ path: 'client_secret', message: `is required for ${method}` });
      }
      if (hasJwks)
        problems.push({ path: '', message: `jwks and jwks_uri are not allowed with ${method}` });
    } else if (method === 'private_key_jwt') {
      if (!hasJwks)
        problems.push({
          path: 'jwks',
          message: 'jwks or jwks_uri is required for private_key_jwt',
        });
      problems.push(...atMostOne(this, 'jwks', 'jwks_uri'));
      if (hasSecret)
        problems.push({ path: 'client_secret', message: 'is not allowed with private_key_jwt' });
    } else if (method === 'none') {
      if (hasSecret) problems.push({ path: 'client_secret', message: 'is not allowed with none' });
      if (hasJwks)
        problems.push({ path: '', message: 'jwks and jwks_uri are not allowed with none' });
    }
    return problems;
  }

  /** The client secret, inline or read from `client_secret_file`. */
  clientSecret(): string | undefined {
    return secretValue(this, 'client_secret', 'client_secret_file');
  }

  /** `redirect_uris`, empty when absent. */
  redirectUris(): string[] {
    return this.redirect_uris ?? [];
  }
}
