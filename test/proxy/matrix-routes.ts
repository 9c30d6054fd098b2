/** A request a client sends to the homeserver URL, and the upstream it belongs to. */
export interface RoutedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, exactly as sent. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

const REDIRECT_URL = encodeURIComponent('https://client.example.test/callback?state=a b&x=1');
const TOKEN = { Authorization: 'Bearer mct_proxytest' };

function compatRequests(version: 'v3' | 'r0'): RoutedRequest[] {
  const base = `/_matrix/client/${version}`;
  return [
    { method: 'GET', path: `${base}/login` },
    {
      method: 'POST',
      path: `${base}/login`,
      body: JSON.stringify({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: 'alice' },
        password: 'a long passphrase',
        refresh_token: true,
      }),
    },
    { method: 'GET', path: `${base}/login/sso/redirect?redirectUrl=${REDIRECT_URL}` },
    { method: 'GET', path: `${base}/login/sso/redirect/?redirectUrl=${REDIRECT_URL}` },
    {
      method: 'GET',
      path: `${base}/login/sso/redirect/oidc-x?redirectUrl=${REDIRECT_URL}&org.matrix.msc3824.action=register`,
    },
    { method: 'POST', path: `${base}/logout`, headers: TOKEN, body: '{}' },
    {
      method: 'POST',
      path: `${base}/logout/all`,
      headers: TOKEN,
      body: JSON.stringify({ 'io.element.only_compat_is_fine': true }),
    },
    {
      method: 'POST',
      path: `${base}/refresh`,
      body: JSON.stringify({ refresh_token: 'mcr_proxytest' }),
    },
  ];
}

/**
 * The Matrix compatibility layer (CONTRACTS §7, MAS inventory §1.4): with delegation on,
 * Synapse answers these with 404, so the reverse proxy sends them to mas-ts.
 */
export const COMPAT_REQUESTS: readonly RoutedRequest[] = [
  ...compatRequests('v3'),
  ...compatRequests('r0'),
];

/** Requests that stay with Synapse, some of them near the compatibility paths. */
export const SYNAPSE_REQUESTS: readonly RoutedRequest[] = [
  { method: 'GET', path: '/_matrix/client/versions' },
  { method: 'GET', path: '/_matrix/client/v3/sync?timeout=0&since=s1_2', headers: TOKEN },
  { method: 'GET', path: '/_matrix/client/v3/account/whoami', headers: TOKEN },
  { method: 'GET', path: '/_matrix/client/v1/auth_metadata' },
  {
    method: 'POST',
    path: '/_matrix/client/v3/account/password',
    body: JSON.stringify({ new_password: 'x' }),
  },
  { method: 'DELETE', path: '/_matrix/client/v3/devices/ABCDEF', headers: TOKEN },
  {
    method: 'PUT',
    path: '/_matrix/client/v3/rooms/!r:synapse.test/send/m.room.message/t1',
    body: '{"body":"logout"}',
  },
  // Escapes must reach Synapse as sent: it checks signatures over the raw path.
  { method: 'GET', path: '/_matrix/client/v3/rooms/%21r%3Asynapse.test/event/%24e%2Fv%2Bt' },
  { method: 'GET', path: '/_synapse/admin/v1/server_version' },
  { method: 'POST', path: '/_synapse/mas/provision_user', body: '{"localpart":"alice"}' },
  { method: 'GET', path: '/_synapse/client/oidc/callback?code=c' },
  { method: 'GET', path: '/.well-known/matrix/client' },
  { method: 'GET', path: '/' },
];

/** The path of `request` without its query: what a proxy's location rules look at. */
export function pathOnly(request: RoutedRequest): string {
  return request.path.split('?')[0];
}
