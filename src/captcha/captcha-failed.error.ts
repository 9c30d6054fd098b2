import { DomainError } from '../core/errors/domain-error';

/**
 * Why a CAPTCHA check failed (MAS crates/handlers/src/captcha.rs `Error`):
 * - `missing`: the form holds no response for the configured service;
 * - `mismatch`: the form holds a response for another service;
 * - `rejected`: the verifier answered `success: false`;
 * - `invalid_response`: the verifier's answer is not the siteverify JSON (or lacks
 *   `hostname`/`challenge_ts` on success);
 * - `hostname_mismatch`: the challenge was solved on another site;
 * - `unreachable`: no usable answer from the verifier (network, timeout, non-2xx).
 */
export type CaptchaFailureReason =
  'missing' | 'mismatch' | 'rejected' | 'invalid_response' | 'hostname_mismatch' | 'unreachable';

/** The CAPTCHA was not passed; the caller shows the form again. Never holds the secret key. */
export class CaptchaFailed extends DomainError {
  readonly code = 'captcha_failed';

  constructor(
    readonly reason: CaptchaFailureReason,
    message: string,
    /** The verifier's `error-codes`, when it sent some. */
    readonly errorCodes: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
