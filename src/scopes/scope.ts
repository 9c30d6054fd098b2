/**
 * OAuth 2.0 scopes (RFC 6749 §3.3) and their Matrix meaning (MSC2967): a scope is a
 * space-delimited list of tokens made of `%x21 / %x23-5B / %x5D-7E`.
 */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export const STABLE_PREFIX = 'urn:matrix:client:';
export const UNSTABLE_PREFIX = 'urn:matrix:org.matrix.msc2967.client:';

export const API_SCOPE_STABLE = `${STABLE_PREFIX}api:*`;
export const API_SCOPE_UNSTABLE = `${UNSTABLE_PREFIX}api:*`;
export const SYNAPSE_ADMIN_SCOPE = 'urn:synapse:admin:*';
export const MAS_ADMIN_SCOPE = 'urn:mas:admin';
export const MAS_GRAPHQL_SCOPE = 'urn:mas:graphql:*';

/** MSC2967 device ids: at least 10 characters from this set (MAS's grant policy). */
export const DEVICE_ID = /^[A-Za-z0-9._~!$&'()*+,;=:@/-]{10,}$/;

export type MatrixNamespace = 'stable' | 'unstable';

export type ScopeToken =
  | { kind: 'openid' | 'email' | 'synapse_admin' | 'mas_admin' | 'mas_graphql'; raw: string }
  | { kind: 'matrix_api'; namespace: MatrixNamespace; raw: string }
  | { kind: 'matrix_device'; namespace: MatrixNamespace; deviceId: string; raw: string }
  | { kind: 'other'; raw: string };

export class InvalidScopeSyntax extends Error {}

/** Whether `raw` is one scope token (RFC 6749 §3.3 `scope-token`: no space, `"` or backslash). */
export function isScopeToken(raw: string): boolean {
  return SCOPE_TOKEN.test(raw);
}

function classify(raw: string): ScopeToken {
  switch (raw) {
    case 'openid':
      return { kind: 'openid', raw };
    case 'email':
      return { kind: 'email', raw };
    case SYNAPSE_ADMIN_SCOPE:
      return { kind: 'synapse_admin', raw };
    case MAS_ADMIN_SCOPE:
      return { kind: 'mas_admin', raw };
    case MAS_GRAPHQL_SCOPE:
      return { kind: 'mas_graphql', raw };
    case API_SCOPE_STABLE:
      return { kind: 'matrix_api', namespace: 'stable', raw };
    case API_SCOPE_UNSTABLE:
      return { kind: 'matrix_api', namespace: 'unstable', raw };
  }
  for (const [prefix, namespace] of [
    [`${STABLE_PREFIX}device:`, 'stable'],
    [`${UNSTABLE_PREFIX}device:`, 'unstable'],
  ] as const) {
    if (raw.startsWith(prefix)) {
      return { kind: 'matrix_device', namespace, deviceId: raw.slice(prefix.length), raw };
    }
  }
  return { kind: 'other', raw };
}

/**
 * Parses a `scope` parameter; an absent or empty one is the empty scope. Throws
 * InvalidScopeSyntax on characters RFC 6749 §3.3 forbids. Duplicates are dropped, order kept.
 */
export function parseScope(value: string | undefined | null): ScopeToken[] {
  if (!value) return [];
  const seen = new Set<string>();
  const tokens: ScopeToken[] = [];
  for (const raw of value.split(' ')) {
    if (raw === '') continue;
    if (!SCOPE_TOKEN.test(raw)) throw new InvalidScopeSyntax(`invalid scope token '${raw}'`);
    if (seen.has(raw)) continue;
    seen.add(raw);
    tokens.push(classify(raw));
  }
  return tokens;
}

export function scopeToString(tokens: readonly ScopeToken[]): string {
  return tokens.map((t) => t.raw).join(' ');
}

/** The device id bound by the scope, if any (MSC2967 device scope). */
export function deviceIdOf(tokens: readonly ScopeToken[]): string | undefined {
  for (const t of tokens) if (t.kind === 'matrix_device') return t.deviceId;
  return undefined;
}
