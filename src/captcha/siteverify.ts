import { BodyTooLarge, readCappedBody } from '../core/http/read-capped-body';
import { CaptchaFailed } from './captcha-failed.error';

export interface SiteverifyRequest {
  url: string;
  secret: string;
  response: string;
  remoteip: string | null;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** The parts of a siteverify answer MAS reads (`VerificationResponse`). */
export interface SiteverifyAnswer {
  success: boolean;
  errorCodes: string[];
  hostname: string | null;
  challengeTs: string | null;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads the JSON body; anything but an object with a boolean `success` is `invalid_response`. */
export function parseSiteverifyAnswer(text: string): SiteverifyAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CaptchaFailed('invalid_response', 'the CAPTCHA verifier did not answer JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CaptchaFailed('invalid_response', 'the CAPTCHA verifier did not answer an object');
  }
  const body = parsed as Record<string, unknown>;
  if (typeof body.success !== 'boolean') {
    throw new CaptchaFailed('invalid_response', 'the CAPTCHA verifier answer has no success flag');
  }
  const codes = body['error-codes'];
  return {
    success: body.success,
    errorCodes: Array.isArray(codes)
      ? codes.filter((c): c is string => typeof c === 'string').slice(0, 10)
      : [],
    hostname: optionalString(body.hostname),
    challengeTs: optionalString(body.challenge_ts),
  };
}

/**
 * One siteverify call, as the three services define it: a form-encoded POST of `secret`,
 * `response` and optionally `remoteip`, answered with JSON `{success, error-codes, hostname,
 * challenge_ts}`. Bounded in time and size, no redirects. Failures to get an answer are
 * `unreachable` (the caller fails closed); messages name the URL's origin only, never the secret.
 */
export async function callSiteverify(req: SiteverifyRequest): Promise<SiteverifyAnswer> {
  const form = new URLSearchParams({ secret: req.secret, response: req.response });
  if (req.remoteip) form.set('remoteip', req.remoteip);
  const where = new URL(req.url).origin;
  const signal = AbortSignal.timeout(req.timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      redirect: 'error',
      signal,
    });
    status = response.status;
    text = await readCappedBody(response, req.maxResponseBytes);
  } catch (cause) {
    if (cause instanceof BodyTooLarge) {
      throw new CaptchaFailed(
        'invalid_response',
        `the CAPTCHA verifier at ${where} answered too much`,
      );
    }
    const why = signal.aborted
      ? `did not answer within ${req.timeoutMs} ms`
      : 'could not be reached';
    throw new CaptchaFailed('unreachable', `the CAPTCHA verifier at ${where} ${why}`, [], {
      cause,
    });
  }
  if (status < 200 || status >= 300) {
    throw new CaptchaFailed(
      'unreachable',
      `the CAPTCHA verifier at ${where} answered HTTP ${status}`,
    );
  }
  return parseSiteverifyAnswer(text);
}
