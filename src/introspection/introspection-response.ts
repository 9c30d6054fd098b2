import { compatScope, normalizeScope, scopeDeviceId } from './introspection-scope';

/** RFC 7662 §2.2 `token_type` values we report (RFC 7009 §4.1.2 type hints). */
export type IntrospectedTokenType = 'access_token' | 'refresh_token';

/**
 * An active token as RFC 7662 §2.2 describes it, with the members Synapse reads (CONTRACTS §2).
 * Optional members are absent, never null; Synapse adds `retrieved_at_ms` itself, so we never
 * send it (a duplicate keyword makes Synapse answer 503).
 */
export interface ActiveIntrospection {
  active: true;
  /** Space-separated (RFC 7662 §2.2), in the sorted order MAS uses. */
  scope: string;
  client_id?: string;
  /** The Matrix localpart, which Synapse turns into the user id. */
  username?: string;
  token_type: IntrospectedTokenType;
  exp?: number;
  /** Whole seconds left, rounded down; absent for a token that never expires. */
  expires_in?: number;
  iat: number;
  nbf: number;
  sub?: string;
  jti?: string;
  device_id?: string;
}

export type IntrospectionResponse = { active: false } | ActiveIntrospection;

/** RFC 7662 §2.2: anything that is not an active token is only `{"active": false}`. */
export const INACTIVE: IntrospectionResponse = Object.freeze({ active: false });

/** What every kind of token reports, before times are rendered. */
export interface DescribedToken {
  tokenType: IntrospectedTokenType;
  scope: readonly string[];
  clientId: string | null;
  user: { id: string; username: string } | null;
  createdAt: Date;
  expiresAt: Date | null;
  jti: string | null;
  deviceId: string | null;
}

/** RFC 7519 §2 NumericDate, whole seconds (rounded down). */
function numericDate(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * The RFC 7662 §2.2 answer for an active token at `now`, members in MAS's order. `exp`, `iat`
 * and `nbf` are whole seconds; `expires_in` is an integer rounded down (Synapse refuses a
 * fraction, and rounding down never lets it cache a token past its expiry).
 */
export function activeResponse(d: DescribedToken, now: Date): ActiveIntrospection {
  const expiry =
    d.expiresAt === null
      ? {}
      : {
          exp: numericDate(d.expiresAt),
          expires_in: Math.max(0, Math.floor((d.expiresAt.getTime() - now.getTime()) / 1000)),
        };
  return {
    active: true,
    scope: d.scope.join(' '),
    ...(d.clientId !== null && { client_id: d.clientId }),
    ...(d.user !== null && { username: d.user.username }),
    token_type: d.tokenType,
    ...expiry,
    iat: numericDate(d.createdAt),
    nbf: numericDate(d.createdAt),
    ...(d.user !== null && { sub: d.user.id }),
    ...(d.jti !== null && { jti: d.jti }),
    ...(d.deviceId !== null && { device_id: d.deviceId }),
  };
}

/** The stored facts an OAuth 2.0 access or refresh token is described from. */
export interface OAuthTokenFacts {
  tokenType: IntrospectedTokenType;
  /** `expiresAt` only matters for an access token (refresh tokens never expire). */
  token: { id: string; createdAt: Date; expiresAt?: Date | null };
  session: { oauth2ClientId: string; scopeList: readonly string[] };
  user: { id: string; username: string } | null;
}

/**
 * An OAuth 2.0 token (MAS introspection): the session's normalised scope, its client, the user
 * (none for client_credentials), `jti` = the token row's ULID. With `X-MAS-Supports-Device-Id`
 * the device bound by the scope is also given as `device_id` (CONTRACTS §2).
 */
export function describeOAuthToken(f: OAuthTokenFacts, explicitDevice: boolean): DescribedToken {
  return {
    tokenType: f.tokenType,
    scope: normalizeScope(f.session.scopeList),
    clientId: f.session.oauth2ClientId,
    user: f.user && { id: f.user.id, username: f.user.username },
    createdAt: f.token.createdAt,
    expiresAt: f.tokenType === 'access_token' ? (f.token.expiresAt ?? null) : null,
    jti: f.token.id,
    deviceId: (explicitDevice && scopeDeviceId(f.session.scopeList)) || null,
  };
}

/** The stored facts a compat (legacy login) token is described from. */
export interface CompatTokenFacts {
  tokenType: IntrospectedTokenType;
  /** `expiresAt` only matters for an access token (refresh tokens never expire). */
  token: { createdAt: Date; expiresAt?: Date | null };
  session: { deviceId: string | null; isSynapseAdmin: boolean };
  user: { id: string; username: string };
}

/** The `client_id` MAS reports for every compat token. */
export const LEGACY_CLIENT_ID = 'legacy';

/**
 * A compat token (MAS introspection): `client_id: "legacy"`, both Matrix API scopes,
 * `urn:synapse:admin:*` for an admin session, the session's device in `device_id` and, unless
 * the caller reads `device_id` (`X-MAS-Supports-Device-Id: 1`), also in the scope; no `jti`.
 * Null when the device cannot be written as a scope for a caller that needs it there.
 */
export function describeCompatToken(
  f: CompatTokenFacts,
  explicitDevice: boolean,
): DescribedToken | null {
  const deviceId = f.session.deviceId || null;
  const scope = compatScope({
    deviceId,
    isSynapseAdmin: f.session.isSynapseAdmin,
    deviceInScope: !explicitDevice,
  });
  if (scope === null) return null;
  return {
    tokenType: f.tokenType,
    scope,
    clientId: LEGACY_CLIENT_ID,
    user: { id: f.user.id, username: f.user.username },
    createdAt: f.token.createdAt,
    expiresAt: f.tokenType === 'access_token' ? (f.token.expiresAt ?? null) : null,
    jti: null,
    deviceId,
  };
}

/** The stored facts a personal access token is described from. */
export interface PersonalTokenFacts {
  token: { createdAt: Date; expiresAt: Date | null };
  session: { scopeList: readonly string[] };
  actor: { id: string; username: string };
  /** The owning client's id, or null when a user owns the session. */
  ownerClientId: string | null;
}

/**
 * A personal access token (MAS introspection): an access token of the **actor** user, the
 * session's normalised scope, `client_id` only when a client owns the session, no `jti`. With
 * `X-MAS-Supports-Device-Id` a device bound by the scope is also given as `device_id`.
 */
export function describePersonalToken(
  f: PersonalTokenFacts,
  explicitDevice: boolean,
): DescribedToken {
  return {
    tokenType: 'access_token',
    scope: normalizeScope(f.session.scopeList),
    clientId: f.ownerClientId,
    user: { id: f.actor.id, username: f.actor.username },
    createdAt: f.token.createdAt,
    expiresAt: f.token.expiresAt,
    jti: null,
    deviceId: (explicitDevice && scopeDeviceId(f.session.scopeList)) || null,
  };
}
