/**
 * One hashing algorithm of `passwords.schemes[].algorithm`. `password` arrives already
 * normalised (NFKC when the scheme asks for it) and UTF-8 encoded; `pepper` is the scheme's
 * `secret`. Implementations must run the expensive work off the event loop.
 */
export interface PasswordAlgorithm {
  /** A fresh self-describing hash (PHC or modular crypt string) with a salt from `salt`. */
  hash(password: Buffer, pepper: Buffer | undefined, salt: Buffer): Promise<string>;
  /** Whether `password` matches; throws MalformedPasswordHash when `hash` is unreadable. */
  verify(hash: string, password: Buffer, pepper: Buffer | undefined): Promise<boolean>;
}

/** Salt length in bytes, as the Rust `password-hash` `SaltString::generate` MAS uses. */
export const SALT_BYTES = 16;

/** `password ‖ pepper`: how MAS peppers bcrypt and PBKDF2 (crates/handlers/src/passwords.rs). */
export function appendPepper(password: Buffer, pepper: Buffer | undefined): Buffer {
  return pepper ? Buffer.concat([password, pepper]) : password;
}
