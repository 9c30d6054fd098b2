import type { ClientMetadata } from '../../client-registration/client-metadata';
import type { RegistrationViolation } from '../../client-registration/violation';
import { isSubdomain, parsePolicyUri, reverseDnsMatch } from './policy-uri';

/** `policy.data.client_registration` (MAS docs/reference/configuration.md#policy). */
export interface ClientRegistrationPolicyData {
  allow_insecure_uris?: boolean;
  allow_host_mismatch?: boolean;
  allow_missing_client_uri?: boolean;
}

/** What the policy reads: the metadata as sent (no defaults applied) and its data. */
export interface ClientRegistrationPolicyInput {
  metadata: ClientMetadata;
  data: ClientRegistrationPolicyData;
}

type Rule = (input: ClientRegistrationPolicyInput) => RegistrationViolation[];

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const INSECURE_HOSTS = [...LOOPBACK_HOSTS, '0.0.0.0'];

const clientUri = ({ metadata }: ClientRegistrationPolicyInput) => metadata.client_uri?.value;

/** https and not a loopback/unspecified host, unless `allow_insecure_uris`. */
function secureUrl(uri: string, { data }: ClientRegistrationPolicyInput): boolean {
  if (data.allow_insecure_uris) return true;
  const url = parsePolicyUri(uri);
  return url !== undefined && url.scheme === 'https' && !INSECURE_HOSTS.includes(url.host);
}

/**
 * On the host of `client_uri` or a subdomain, unless `allow_host_mismatch`, or
 * `allow_missing_client_uri` and there is no `client_uri`. (MAS's rego also skips the check
 * when `allow_missing_client_uri` is set and a `client_uri` *is* present, because it reads
 * `data.client_metadata` by mistake; we keep checking then.)
 */
function hostMatchesClientUri(uri: string, input: ClientRegistrationPolicyInput): boolean {
  if (input.data.allow_host_mismatch) return true;
  if (input.data.allow_missing_client_uri && clientUri(input) === undefined) return true;
  const client = parsePolicyUri(clientUri(input));
  const url = parsePolicyUri(uri);
  return client !== undefined && url !== undefined && isSubdomain(client.host, url.host);
}

function usesGrantType(grant: string, { metadata }: ClientRegistrationPolicyInput): boolean {
  return metadata.grant_types === undefined
    ? grant === 'authorization_code'
    : metadata.grant_types.includes(grant);
}

const requiresRedirectUris = (input: ClientRegistrationPolicyInput) =>
  usesGrantType('authorization_code', input) || usesGrantType('implicit', input);

/**
 * Native clients (RFC 8252): loopback `http` on any port (§7.3; https is not used on
 * loopback and `localhost.com` is not loopback), or a private-use scheme without authority
 * that is the reverse-DNS of the `client_uri` host (§7.1).
 */
function validNativeRedirect(uri: string, input: ClientRegistrationPolicyInput): boolean {
  const url = parsePolicyUri(uri);
  if (url === undefined) return false;
  if (url.scheme === 'http') return LOOPBACK_HOSTS.includes(url.host);
  if (url.scheme === 'https' || url.authority !== '') return false;
  const client = parsePolicyUri(clientUri(input));
  return client !== undefined && reverseDnsMatch(client.host, url.scheme);
}

function validRedirectUri(uri: string, input: ClientRegistrationPolicyInput): boolean {
  if (input.metadata.application_type === 'native' && validNativeRedirect(uri, input)) return true;
  return secureUrl(uri, input) && hostMatchesClientUri(uri, input);
}

/** MSC2966: a client must say where it lives, unless `allow_missing_client_uri`. */
export const clientUriPresent: Rule = (input) =>
  !input.data.allow_missing_client_uri && clientUri(input) === undefined
    ? [{ field: 'client_uri', msg: 'missing client_uri' }]
    : [];

/** MSC2966: the client's URIs are https on the `client_uri` host (or a subdomain). */
export const clientUrisSecure: Rule = (input) => {
  const out: RegistrationViolation[] = [];
  const uri = clientUri(input);
  if (uri !== undefined && !secureUrl(uri, input)) {
    out.push({ field: 'client_uri', msg: 'invalid client_uri' });
  }
  for (const field of ['tos_uri', 'policy_uri', 'logo_uri'] as const) {
    const value = input.metadata[field]?.value;
    if (value === undefined) continue;
    if (!secureUrl(value, input)) out.push({ field, msg: `invalid ${field}` });
    if (!hostMatchesClientUri(value, input)) {
      out.push({ field, msg: `${field} not on the same host as the client_uri` });
    }
  }
  return out;
};

/** RFC 6749 §4.4: client_credentials is for clients that can authenticate. */
export const clientCredentialsNeedsAuthentication: Rule = (input) =>
  usesGrantType('client_credentials', input) && input.metadata.token_endpoint_auth_method === 'none'
    ? [
        {
          field: 'grant_types',
          msg: 'client_credentials grant_type requires some form of client authentication',
        },
      ]
    : [];

/** RFC 7591 §2: redirect-based grants need at least one redirect URI. */
export const redirectUrisRequired: Rule = (input) => {
  if (!requiresRedirectUris(input)) return [];
  const uris = input.metadata.redirect_uris;
  if (uris === undefined) return [{ field: 'redirect_uris', msg: 'missing redirect_uris' }];
  return uris.length === 0
    ? [
        {
          field: 'redirect_uris',
          msg: 'invalid redirect_uris: it must have at least one redirect_uri',
        },
      ]
    : [];
};

/** MSC2966: each redirect URI fits the application type (see {@link validNativeRedirect}). */
export const redirectUrisAllowed: Rule = (input) =>
  (input.metadata.redirect_uris ?? [])
    .filter((uri) => !validRedirectUri(uri, input))
    .map(() => ({ field: 'redirect_uris', msg: 'invalid redirect_uri' }));

export const CLIENT_REGISTRATION_RULES: readonly Rule[] = [
  clientUriPresent,
  clientUrisSecure,
  clientCredentialsNeedsAuthentication,
  redirectUrisRequired,
  redirectUrisAllowed,
];

/**
 * MAS `client_registration/violation`: every violation of the registration policy, with MAS's
 * messages. Only the non-localized URIs are checked, as in MAS. Empty means allowed.
 */
export function clientRegistrationViolations(
  input: ClientRegistrationPolicyInput,
): RegistrationViolation[] {
  return CLIENT_REGISTRATION_RULES.flatMap((rule) => rule(input));
}
