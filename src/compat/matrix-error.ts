import { DomainError } from '../core';

/** The Matrix `errcode`s the compat layer answers with (Matrix C-S spec "Standard error response"). */
export type MatrixErrcode =
  | 'M_FORBIDDEN'
  | 'M_USER_LOCKED'
  | 'M_USER_DEACTIVATED'
  | 'M_LIMIT_EXCEEDED'
  | 'M_UNKNOWN_TOKEN'
  | 'M_MISSING_TOKEN'
  | 'M_NOT_JSON'
  | 'M_BAD_JSON'
  | 'M_MISSING_PARAM'
  | 'M_INVALID_PARAM'
  | 'M_TOO_LARGE'
  | 'M_UNRECOGNIZED'
  | 'M_UNKNOWN';

/** A failure the compat layer answers as `{"errcode": …, "error": …}` with its status. */
export class MatrixError extends DomainError {
  readonly code: string;

  constructor(
    readonly status: number,
    readonly errcode: MatrixErrcode,
    message: string,
    /** Extra members of the error body (`retry_after_ms`, `soft_logout`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.code = errcode;
  }
}

export const missingToken = () => new MatrixError(401, 'M_MISSING_TOKEN', 'Missing access token');

/** `soft_logout: false`: the session is gone, the client must log in again (C-S spec §Soft logout). */
export const unknownToken = (message = 'Invalid access token passed.') =>
  new MatrixError(401, 'M_UNKNOWN_TOKEN', message, { soft_logout: false });

export const badJson = (message: string) => new MatrixError(400, 'M_BAD_JSON', message);

export const forbidden = (message: string) => new MatrixError(403, 'M_FORBIDDEN', message);

/** 429 with `retry_after_ms` in the body and `Retry-After` (seconds) as a header. */
export const limitExceeded = (retryAfterMs: number) =>
  new MatrixError(429, 'M_LIMIT_EXCEEDED', 'Too many requests; try again later', {
    retry_after_ms: retryAfterMs,
  });
