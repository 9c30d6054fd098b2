import { DomainError } from '../core';

/** `passwords.enabled` is false: no password may be hashed, set or checked. */
export class PasswordsDisabled extends DomainError {
  readonly code = 'password_login_disabled';

  constructor() {
    super('password authentication is disabled (passwords.enabled is false)');
  }
}

/** A stored hash names a scheme version that `passwords.schemes` no longer lists. */
export class UnknownPasswordScheme extends DomainError {
  readonly code = 'unknown_password_scheme';

  constructor(readonly version: number) {
    super(`no password scheme with version ${version} is configured (passwords.schemes)`);
  }
}

/** A stored hash is not in the format of its scheme's algorithm. */
export class MalformedPasswordHash extends DomainError {
  readonly code = 'malformed_password_hash';
}
