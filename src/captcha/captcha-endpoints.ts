import type { CaptchaService } from '../config';
import { CAPTCHA_SERVICE_TRAITS } from './captcha-services';

/** Whole-exchange limit for one siteverify call; past it the check fails closed. */
export const DEFAULT_CAPTCHA_TIMEOUT_MS = 10_000;

/** Larger siteverify answers are refused (they are a few hundred bytes). */
export const DEFAULT_CAPTCHA_MAX_RESPONSE_BYTES = 64 * 1024;

export interface CaptchaEndpointsOptions {
  verifyUrls?: Partial<Record<CaptchaService, string>>;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

/**
 * Where and how the siteverify calls go. Not configuration (MAS has no such keys): the public
 * endpoints are fixed; tests replace this provider to point at a loopback verifier.
 * `CaptchaModule` provides it through a factory (the constructor takes plain options).
 */
export class CaptchaEndpoints {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  private readonly verifyUrls: Partial<Record<CaptchaService, string>>;

  constructor(options: CaptchaEndpointsOptions = {}) {
    this.verifyUrls = options.verifyUrls ?? {};
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CAPTCHA_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_CAPTCHA_MAX_RESPONSE_BYTES;
  }

  verifyUrl(service: CaptchaService): string {
    return this.verifyUrls[service] ?? CAPTCHA_SERVICE_TRAITS[service].verifyUrl;
  }
}
