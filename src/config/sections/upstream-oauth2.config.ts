import type { ConfigProblem } from '../config-error';
import { atMostOne, isSet, type CrossChecked } from '../validation/cross-check';
import {
  Bool,
  Nested,
  NestedList,
  NonEmptyStr,
  OneOf,
  Opt,
  Rule,
  Str,
  Ulid,
  Url,
  isPlainObject,
  isString,
} from '../validation/rules';
import { secretValue } from '../validation/secret-files';
import { ClaimsImportsConfig } from './upstream-claims.config';

export const UPSTREAM_AUTH_METHODS = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'sign_in_with_apple',
] as const;
export type UpstreamAuthMethod = (typeof UPSTREAM_AUTH_METHODS)[number];

const SECRET_METHODS: readonly string[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
];

const isStringMap = (v: unknown): boolean =>
  isPlainObject(v) && Object.values(v).every((x) => isString(x));

/** `sign_in_with_apple` parameters. */
export class SignInWithAppleConfig implements CrossChecked {
  @Opt() @Str() private_key?: string;
  @Opt() @Str() private_key_file?: string;
  @NonEmptyStr() team_id!: string;
  @NonEmptyStr() key_id!: string;

  crossCheck(): ConfigProblem[] {
    const n = ['private_key', 'private_key_file'].filter((k) => isSet(this, k)).length;
    return n === 1
      ? []
      : [{ path: '', message: 'exactly one of private_key or private_key_file must be set' }];
  }

  privateKeyValue(): string | undefined {
    return secretValue(this, 'private_key', 'private_key_file');
  }
}

/** One entry of `upstream_oauth2.providers` (MAS docs/reference/configuration.md#upstream_oauth2). */
export class UpstreamProviderConfig implements CrossChecked {
  @Ulid() id!: string;
  @Bool() enabled: boolean = true;
  /** Synapse's IdP id, for syn2mas. */
  @Opt() @Str() synapse_idp_id?: string;
  @Opt() @Url() issuer?: string;
  @Opt() @Str() human_name?: string;
  @Opt() @Str() brand_name?: string;

  @NonEmptyStr() client_id!: string;
  @Opt() @Str() client_secret?: string;
  @Opt() @Str() client_secret_file?: string;
  @OneOf(UPSTREAM_AUTH_METHODS) token_endpoint_auth_method!: UpstreamAuthMethod;
  @Opt() @Nested(() => SignInWithAppleConfig) sign_in_with_apple?: SignInWithAppleConfig;
  @Opt() @Str() token_endpoint_auth_signing_alg?: string;
  @Str() id_token_signed_response_alg: string = 'RS256';

  @Str() scope: string = 'openid';
  @OneOf(['oidc', 'insecure', 'disabled']) discovery_mode: 'oidc' | 'insecure' | 'disabled' =
    'oidc';
  @OneOf(['auto', 'always', 'never']) pkce_method: 'auto' | 'always' | 'never' = 'auto';
  @Bool() fetch_userinfo: boolean = false;
  @Opt() @Str() userinfo_signed_response_alg?: string;

  @Opt() @Url() userinfo_endpoint?: string;
  @Opt() @Url() authorization_endpoint?: string;
  @Opt() @Url() token_endpoint?: string;
  @Opt() @Url() jwks_uri?: string;
  @Opt() @OneOf(['query', 'form_post']) response_mode?: 'query' | 'form_post';

  /** Jinja-templated extra authorization parameters. */
  @Opt()
  @Rule('stringMap', isStringMap, 'must be a mapping of strings')
  additional_authorization_parameters?: Record<string, string>;
  /** Deprecated. */
  @Bool() forward_login_hint: boolean = false;
  @OneOf(['do_nothing', 'logout_browser_only', 'logout_all'])
  on_backchannel_logout: 'do_nothing' | 'logout_browser_only' | 'logout_all' = 'do_nothing';
  @Bool() registration_token_required: boolean = false;

  @Nested(() => ClaimsImportsConfig) claims_imports: ClaimsImportsConfig =
    new ClaimsImportsConfig();

  crossCheck(): ConfigProblem[] {
    const problems = atMostOne(this, 'client_secret', 'client_secret_file');
    const method = this.token_endpoint_auth_method;
    const hasSecret = isSet(this, 'client_secret') || isSet(this, 'client_secret_file');
    if (SECRET_METHODS.includes(method) && !hasSecret) {
      problems.push({ path: 'client_secret', message: `is required for ${method}` });
    }
    if (method === 'sign_in_with_apple' && !isSet(this, 'sign_in_with_apple')) {
      problems.push({ path: 'sign_in_with_apple', message: 'is required for sign_in_with_apple' });
    }
    if (this.discovery_mode === 'disabled') {
      for (const key of ['authorization_endpoint', 'token_endpoint']) {
        if (!isSet(this, key))
          problems.push({ path: key, message: 'is required when discovery is disabled' });
      }
    } else if (!isSet(this, 'issuer')) {
      problems.push({ path: 'issuer', message: 'is required unless discovery_mode is disabled' });
    }
    return problems;
  }

  clientSecret(): string | undefined {
    return secretValue(this, 'client_secret', 'client_secret_file');
  }
}

/** `upstream_oauth2`. */
export class UpstreamOAuth2Config implements CrossChecked {
  @NestedList(() => UpstreamProviderConfig) providers: UpstreamProviderConfig[] = [];

  crossCheck(): ConfigProblem[] {
    if (!Array.isArray(this.providers)) return [];
    const ids = this.providers.map((p) => p?.id?.toUpperCase?.());
    return new Set(ids).size === ids.length
      ? []
      : [{ path: 'providers', message: 'ids must be unique' }];
  }
}
