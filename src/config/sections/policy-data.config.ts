import {
  Bool,
  ListOf,
  Nested,
  Opt,
  OpenSection,
  StrList,
  isIpOrCidr,
  isUlid,
} from '../validation/rules';

/** String constraints used by the policies (MAS docs/reference/configuration.md#policy). */
@OpenSection()
export class StringConstraintsConfig {
  @Opt() @StrList() literals?: string[];
  @Opt() @StrList() substrings?: string[];
  @Opt() @StrList() regexes?: string[];
  @Opt() @StrList() prefixes?: string[];
  @Opt() @StrList() suffixes?: string[];
}

/** `policy.data.client_registration` (MSC2966 checks, inventory §3.5). */
@OpenSection()
export class ClientRegistrationPolicyConfig {
  @Opt() @Bool() allow_insecure_uris?: boolean;
  @Opt() @Bool() allow_host_mismatch?: boolean;
  @Opt() @Bool() allow_missing_client_uri?: boolean;
}

@OpenSection()
export class RegistrationPolicyConfig {
  @Opt() @Nested(() => StringConstraintsConfig) allowed_usernames?: StringConstraintsConfig;
  @Opt() @Nested(() => StringConstraintsConfig) banned_usernames?: StringConstraintsConfig;
}

@OpenSection()
export class EmailsPolicyConfig {
  @Opt() @Nested(() => StringConstraintsConfig) allowed_addresses?: StringConstraintsConfig;
  @Opt() @Nested(() => StringConstraintsConfig) banned_addresses?: StringConstraintsConfig;
}

@OpenSection()
export class RequesterPolicyConfig {
  @Opt() @ListOf(isIpOrCidr, 'IP addresses or CIDR ranges') banned_ips?: string[];
  @Opt() @Nested(() => StringConstraintsConfig) banned_user_agents?: StringConstraintsConfig;
}

/**
 * `policy.data`: free-form data handed to the policy engine. Unknown keys are kept without a
 * warning; the keys the bundled policies read are type-checked (inventory §10).
 */
@OpenSection()
export class PolicyDataConfig {
  [key: string]: unknown;

  @Opt() @StrList() admin_users?: string[];
  @Opt() @ListOf(isUlid, 'ULIDs') admin_clients?: string[];
  @Opt()
  @Nested(() => ClientRegistrationPolicyConfig)
  client_registration?: ClientRegistrationPolicyConfig;
  @Opt() @Nested(() => RegistrationPolicyConfig) registration?: RegistrationPolicyConfig;
  @Opt() @Nested(() => EmailsPolicyConfig) emails?: EmailsPolicyConfig;
  @Opt() @Nested(() => RequesterPolicyConfig) requester?: RequesterPolicyConfig;
  /** Glob patterns on the email domain (read by the email policy). */
  @Opt() @StrList() allowed_domains?: string[];
  @Opt() @StrList() banned_domains?: string[];
}
