import { DomainError } from '../core';

/** A POST form without the session cookie's unexpired CSRF token (OWASP synchronizer token). */
export class CsrfError extends DomainError {
  readonly code = 'csrf_failed';

  constructor() {
    super('the form is missing a valid CSRF token');
  }
}
