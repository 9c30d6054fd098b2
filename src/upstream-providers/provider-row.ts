import type { UpstreamProviderConfig } from '../config';
import type { UpstreamOAuthProviderRow } from '../storage/upstream/upstream-oauth-provider.repository';

/** A provider row with its client secret (or Sign in with Apple key) in plain text. */
export interface DesiredProvider {
  row: Omit<UpstreamOAuthProviderRow, 'encryptedClientSecret'>;
  secret: string | null;
}

/** Only the keys a config class instance holds values for, as plain JSON. */
function plain(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;
}

/**
 * What `upstream_oauth2.providers[index]` says the database row should be (MAS
 * crates/cli/src/sync.rs). `ui_order` is the position in the config; the Sign in with Apple
 * parameters take the place of the client secret, JSON-encoded, as in MAS.
 */
export function desiredProvider(p: UpstreamProviderConfig, index: number): DesiredProvider {
  const siwa = p.sign_in_with_apple;
  const secret =
    p.clientSecret() ??
    (siwa
      ? JSON.stringify({
          private_key: siwa.privateKeyValue(),
          team_id: siwa.team_id,
          key_id: siwa.key_id,
        })
      : null);
  const extra = p.additional_authorization_parameters;
  return {
    secret,
    row: {
      id: p.id.toUpperCase(),
      issuer: p.issuer ?? null,
      humanName: p.human_name ?? null,
      brandName: p.brand_name ?? null,
      scope: p.scope,
      clientId: p.client_id,
      tokenEndpointSigningAlg: p.token_endpoint_auth_signing_alg ?? null,
      tokenEndpointAuthMethod: p.token_endpoint_auth_method,
      idTokenSignedResponseAlg: p.id_token_signed_response_alg,
      userinfoSignedResponseAlg: p.userinfo_signed_response_alg ?? null,
      fetchUserinfo: p.fetch_userinfo,
      claimsImports: plain(p.claims_imports),
      discoveryMode: p.discovery_mode,
      pkceMode: p.pkce_method,
      responseMode: p.response_mode ?? null,
      jwksUriOverride: p.jwks_uri ?? null,
      authorizationEndpointOverride: p.authorization_endpoint ?? null,
      tokenEndpointOverride: p.token_endpoint ?? null,
      userinfoEndpointOverride: p.userinfo_endpoint ?? null,
      // MAS stores the parameters as a list of [name, value] pairs.
      additionalParameters: extra ? Object.entries(extra) : null,
      forwardLoginHint: p.forward_login_hint,
      onBackchannelLogout: p.on_backchannel_logout,
      uiOrder: index,
      registrationTokenRequired: p.registration_token_required,
    },
  };
}
