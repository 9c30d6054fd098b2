import { DomainError } from '../core';

/** The username is not a valid Matrix localpart (or not on this homeserver). */
export class InvalidUsername extends DomainError {
  readonly code = 'invalid_username';
}

/** Another user already has this username (compared case-insensitively, as MAS does). */
export class UsernameTaken extends DomainError {
  readonly code = 'username_taken';

  constructor(readonly username: string) {
    super(`the username "${username}" is already taken`);
  }
}

/** An email address is not syntactically valid. */
export class InvalidEmail extends DomainError {
  readonly code = 'invalid_email';

  constructor(readonly email: string) {
    super(`"${email}" is not a valid email address`);
  }
}

/** The password cannot be used (for now: it is empty). */
export class InvalidPassword extends DomainError {
  readonly code = 'invalid_password';
}

/** No user has this username. */
export class UserNotFound extends DomainError {
  readonly code = 'user_not_found';

  constructor(readonly username: string) {
    super(`no user named "${username}"`);
  }
}

/** No user has this id. */
export class UserIdNotFound extends DomainError {
  readonly code = 'user_not_found';

  constructor(readonly userId: string) {
    super(`no user with id ${userId}`);
  }
}
