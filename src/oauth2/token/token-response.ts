/** RFC 6749 §5.1 successful response (plus the OIDC `id_token`). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in?: number;
  refresh_token?: string;
  /** Omitted by client_credentials when the granted scope is empty (MAS). */
  scope?: string;
  id_token?: string;
}
