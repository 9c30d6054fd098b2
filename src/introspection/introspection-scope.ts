import {
  API_SCOPE_STABLE,
  API_SCOPE_UNSTABLE,
  isScopeToken,
  STABLE_PREFIX,
  SYNAPSE_ADMIN_SCOPE,
  UNSTABLE_PREFIX,
} from '../scopes/scope';

const STABLE_DEVICE = `${STABLE_PREFIX}device:`;
const UNSTABLE_DEVICE = `${UNSTABLE_PREFIX}device:`;

/** The device id a scope token binds (MSC2967, either namespace), or undefined. */
function deviceOf(token: string): string | undefined {
  if (token.startsWith(STABLE_DEVICE)) return token.slice(STABLE_DEVICE.length);
  if (token.startsWith(UNSTABLE_DEVICE)) return token.slice(UNSTABLE_DEVICE.length);
  return undefined;
}

/** The device scope of `deviceId` in both namespaces (stable first). */
function deviceScopes(deviceId: string): [string, string] {
  return [`${STABLE_DEVICE}${deviceId}`, `${UNSTABLE_DEVICE}${deviceId}`];
}

/** Unique tokens in code-unit order: MAS keeps scopes in a sorted set, so answers match it. */
function sortedUnique(tokens: Iterable<string>): string[] {
  return [...new Set(tokens)].filter((t) => t !== '').sort();
}

/**
 * The scope reported for an OAuth 2.0 or personal session (MAS `normalize_scope`): the granted
 * scope plus, whenever either Matrix client API scope is granted, the other namespace's one
 * (Synapse accepts either, and old and new Synapse differ in which they look for), and every
 * device scope in both namespaces.
 */
export function normalizeScope(granted: readonly string[]): string[] {
  const out = [...granted];
  for (const token of granted) {
    if (token === API_SCOPE_STABLE) out.push(API_SCOPE_UNSTABLE);
    else if (token === API_SCOPE_UNSTABLE) out.push(API_SCOPE_STABLE);
    else {
      const device = deviceOf(token);
      if (device !== undefined) out.push(...deviceScopes(device));
    }
  }
  return sortedUnique(out);
}

/**
 * The one device a granted scope binds, whichever namespace names it; undefined when it binds
 * none or several different ones (the grant policy allows at most one).
 */
export function scopeDeviceId(granted: readonly string[]): string | undefined {
  const devices = new Set<string>();
  for (const token of granted) {
    const device = deviceOf(token);
    if (device !== undefined) devices.add(device);
  }
  return devices.size === 1 ? devices.values().next().value : undefined;
}

export interface CompatScopeInput {
  /** The Matrix device of the compat session; null or empty when it has none. */
  deviceId: string | null;
  isSynapseAdmin: boolean;
  /**
   * Whether the device goes into the scope: false when the caller sent
   * `X-MAS-Supports-Device-Id: 1` and reads it from `device_id` instead.
   */
  deviceInScope: boolean;
}

/**
 * The scope reported for a compat (legacy login) session (MAS introspection): both Matrix
 * client API scopes, the device scope in both namespaces unless the caller reads `device_id`,
 * and `urn:synapse:admin:*` for a Synapse admin session. Null when the device must go into the
 * scope but its id holds characters a scope token cannot (space, `"`, backslash, non-ASCII):
 * such a token cannot be described to a caller without `device_id` support.
 */
export function compatScope(input: CompatScopeInput): string[] | null {
  const out = [API_SCOPE_STABLE, API_SCOPE_UNSTABLE];
  if (input.deviceInScope && input.deviceId) {
    const forms = deviceScopes(input.deviceId);
    if (!forms.every(isScopeToken)) return null;
    out.push(...forms);
  }
  if (input.isSynapseAdmin) out.push(SYNAPSE_ADMIN_SCOPE);
  return sortedUnique(out);
}
