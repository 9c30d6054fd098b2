/**
 * Matrix user identifiers: the localpart grammar of the Matrix spec (appendix "User
 * Identifiers": `a-z 0-9 . _ = - / +`, full user ID at most 255 bytes) with MAS's register
 * policy on top (policies/register/register.rego: not empty, not all digits).
 */
const LOCALPART = /^[a-z0-9._=/+-]+$/;
const ALL_DIGITS = /^[0-9]+$/;

/** Maximum length of a full user ID `@localpart:server` (Matrix spec, user identifiers). */
export const MAX_USER_ID_LENGTH = 255;

/** Why `localpart` cannot be registered on `serverName`, or null when it can. */
export function usernameProblem(localpart: string, serverName: string): string | null {
  if (localpart.length === 0) return 'the username must not be empty';
  if (Buffer.byteLength(`@${localpart}:${serverName}`) > MAX_USER_ID_LENGTH) {
    return `the user ID @${localpart}:${serverName} is longer than ${MAX_USER_ID_LENGTH} characters`;
  }
  if (localpart !== localpart.toLowerCase() && LOCALPART.test(localpart.toLowerCase())) {
    return 'the username must be lowercase';
  }
  if (!LOCALPART.test(localpart)) {
    return 'the username may contain only a-z, 0-9 and . _ = - / +';
  }
  if (ALL_DIGITS.test(localpart)) return 'the username must contain a non-digit character';
  return null;
}

/**
 * The localpart named by `identifier`: itself, or the localpart of a full `@localpart:server`
 * user ID when `server` is `serverName` (server names compare case-insensitively, as DNS
 * names). Null for a user ID of another server or a malformed one.
 */
export function localpartOf(identifier: string, serverName: string): string | null {
  if (!identifier.startsWith('@')) return identifier;
  const colon = identifier.indexOf(':');
  if (colon < 0) return null;
  const server = identifier.slice(colon + 1);
  if (server.toLowerCase() !== serverName.toLowerCase()) return null;
  return identifier.slice(1, colon);
}
