import { DomainError } from '../core';

/** A POST form without the session cookie's unexpired CSRF token (OWASP synchronizer token). */
export class CsrfError extends DomainError {
  readonly code = 'csrf_failed';

  constructor() {
    super('the form is missing a valid CSRF token');
  }
}

/** A submission to a human page that is not an HTML form (`application/x-www-form-urlencoded`). */
export class NotAFormError extends DomainError {
  readonly code = 'not_a_form';

  constructor() {
    super('human pages only accept application/x-www-form-urlencoded submissions');
  }
}
