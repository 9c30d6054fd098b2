import { DomainError } from '../../core';

/** The base of every admin page: `/account/admin`. */
export const ADMIN_PAGES_PATH = '/account/admin';

/**
 * A request to an admin page by a browser that is not signed in (`sign_in`: sent to the login
 * page, which returns to `next`), whose user lacks `can_request_admin` (`forbidden`: a 403), or
 * whose last authentication is too old (`reauthenticate`: the login page asks for the password
 * of the signed-in account again, then returns to `next`).
 */
export class AdminPageRefused extends DomainError {
  readonly code = 'admin_page_refused';

  constructor(
    readonly reason: 'sign_in' | 'forbidden' | 'reauthenticate',
    readonly next: string,
  ) {
    super(`admin page refused: ${reason}`);
  }
}

/** The user, session or token an admin page names does not exist (or not for that user). */
export class AdminPageNotFound extends DomainError {
  readonly code = 'admin_page_not_found';

  constructor(what: string) {
    super(`${what} not found`);
  }
}
