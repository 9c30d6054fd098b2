import { HttpException } from '@nestjs/common';
import type { WebErrorKind } from './web-pages.service';
import { CsrfError, NotAFormError } from './web-session.errors';

/** The error page an exception on a human page deserves; unknown errors are `server_error`. */
export function webErrorKindOf(error: unknown): WebErrorKind {
  if (error instanceof CsrfError) return 'csrf';
  if (error instanceof NotAFormError) return 'bad_request';
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return 'not_found';
    if (status === 413) return 'too_large';
    if (status < 500) return 'bad_request';
  }
  return 'server_error';
}
