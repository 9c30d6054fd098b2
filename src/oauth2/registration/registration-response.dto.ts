import type { OAuth2ClientEntity } from '../../storage/oauth2/oauth2-client.entity';

/**
 * RFC 7591 §3.2.1 client information response, with the RFC 7592 §3 management fields when
 * the caller may manage the client.
 */
export interface ClientInformationResponse {
  client_id: string;
  client_id_issued_at: number;
  client_secret?: string;
  client_secret_expires_at?: number;
  registration_client_uri?: string;
  registration_access_token?: string;
  redirect_uris: string[];
  grant_types: string[];
  application_type?: string;
  client_name?: string;
  logo_uri?: string;
  client_uri?: string;
  policy_uri?: string;
  tos_uri?: string;
  jwks_uri?: string;
  jwks?: unknown;
  contacts?: string[];
  id_token_signed_response_alg?: string;
  userinfo_signed_response_alg?: string;
  token_endpoint_auth_method?: string;
  token_endpoint_auth_signing_alg?: string;
  initiate_login_uri?: string;
}

export interface ResponseExtras {
  clientSecret?: string;
  registrationClientUri?: string;
  registrationAccessToken?: string;
}

/** The stored grant flags as RFC 7591 `grant_types` values. */
function grantTypes(client: OAuth2ClientEntity): string[] {
  const flags: [boolean, string][] = [
    [client.grantTypeAuthorizationCode, 'authorization_code'],
    [client.grantTypeRefreshToken, 'refresh_token'],
    [client.grantTypeClientCredentials, 'client_credentials'],
    [client.grantTypeDeviceCode, 'urn:ietf:params:oauth:grant-type:device_code'],
  ];
  return flags.filter(([on]) => on).map(([, name]) => name);
}

/**
 * Echoes the stored metadata (RFC 7591 §3.2.1: "all registered metadata"); fields that are
 * accepted but not stored (localized variants, `software_*`, `response_types`…) are not echoed,
 * as in MAS.
 */
export function toClientInformationResponse(
  client: OAuth2ClientEntity,
  extras: ResponseExtras,
): ClientInformationResponse {
  const issuedAt = client.createdAt ?? new Date(0);
  const optional = {
    application_type: client.applicationType,
    client_name: client.clientName,
    logo_uri: client.logoUri,
    client_uri: client.clientUri,
    policy_uri: client.policyUri,
    tos_uri: client.tosUri,
    jwks_uri: client.jwksUri,
    jwks: client.jwks,
    contacts: client.contacts.length > 0 ? client.contacts : null,
    id_token_signed_response_alg: client.idTokenSignedResponseAlg,
    userinfo_signed_response_alg: client.userinfoSignedResponseAlg,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    token_endpoint_auth_signing_alg: client.tokenEndpointAuthSigningAlg,
    initiate_login_uri: client.initiateLoginUri,
  };
  return {
    client_id: client.id,
    client_id_issued_at: Math.floor(issuedAt.getTime() / 1000),
    // RFC 7591 §3.2.1: `client_secret_expires_at` is REQUIRED with a secret; 0 = never.
    ...(extras.clientSecret !== undefined
      ? { client_secret: extras.clientSecret, client_secret_expires_at: 0 }
      : {}),
    ...(extras.registrationClientUri !== undefined
      ? { registration_client_uri: extras.registrationClientUri }
      : {}),
    ...(extras.registrationAccessToken !== undefined
      ? { registration_access_token: extras.registrationAccessToken }
      : {}),
    redirect_uris: client.redirectUris,
    grant_types: grantTypes(client),
    ...Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== null && v !== undefined),
    ),
  };
}
