/**
 * MSC4191 account management actions, and MAS's unstable names for them
 * (crates/router/src/endpoints.rs `AccountAction`), which clients still send.
 */
export const ACCOUNT_ACTIONS = [
  'org.matrix.profile',
  'org.matrix.devices_list',
  'org.matrix.device_view',
  'org.matrix.device_delete',
  'org.matrix.account_deactivate',
  'org.matrix.cross_signing_reset',
  'org.matrix.sessions_list',
  'org.matrix.session_view',
  'org.matrix.session_end',
] as const;

export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

type Destination =
  'profile' | 'sessions' | 'device' | 'device_end' | 'deactivate' | 'cross_signing';

const DESTINATIONS = new Map<string, Destination>(
  Object.entries({
    'org.matrix.profile': 'profile',
    profile: 'profile',
    'org.matrix.devices_list': 'sessions',
    'org.matrix.sessions_list': 'sessions',
    sessions_list: 'sessions',
    'org.matrix.device_view': 'device',
    'org.matrix.session_view': 'device',
    session_view: 'device',
    'org.matrix.device_delete': 'device_end',
    'org.matrix.session_end': 'device_end',
    session_end: 'device_end',
    'org.matrix.account_deactivate': 'deactivate',
    'org.matrix.cross_signing_reset': 'cross_signing',
  } satisfies Record<string, Destination>),
);

/**
 * The page a deep link `GET /account?action=…&device_id=…` opens (MSC4191 §"Account
 * management actions"); null for the profile page itself, which is also where an unknown or
 * missing action lands. A device action without a `device_id` opens the session list.
 */
export function accountActionPath(action: unknown, deviceId: unknown): string | null {
  const destination = typeof action === 'string' ? DESTINATIONS.get(action) : undefined;
  const device = typeof deviceId === 'string' && deviceId.length > 0 ? deviceId : null;
  switch (destination) {
    case undefined:
    case 'profile':
      return null;
    case 'sessions':
      return '/account/sessions';
    case 'device':
      return device ? `/account/devices/${encodeURIComponent(device)}` : '/account/sessions';
    case 'device_end':
      return device ? `/account/devices/${encodeURIComponent(device)}?end=1` : '/account/sessions';
    case 'deactivate':
      return '/account/deactivate';
    case 'cross_signing':
      return '/account/cross-signing-reset';
  }
}

/** The path of `/login` that comes back to `path` once signed in. */
export function signInFirst(path: string): string {
  return `/login?next=${encodeURIComponent(path)}`;
}
