import { createHash } from 'node:crypto';
import { localpartOf } from './username';

/** The `per_account` rate-limit key of an existing user (MAS keys by the user's id). */
export function accountKeyOfUser(userId: string): string {
  return `user:${userId}`;
}

/**
 * The `per_account` key of a login identifier that names no account: the identifier as the
 * lookup reads it (the localpart of a user ID of this homeserver, letters folded to lower case),
 * so every spelling of one unknown name shares a limit exactly as the spellings of a known
 * account share its id. Hashed, so a password typed into the username field is not kept in
 * memory and every key has the same small size.
 */
export function accountKeyOfUnknown(identifier: string, serverName: string): string {
  const name = (localpartOf(identifier, serverName) ?? identifier).toLowerCase();
  return `unknown:${createHash('sha256').update(name).digest('base64url')}`;
}
