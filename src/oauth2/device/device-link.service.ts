import { Injectable } from '@nestjs/common';
import { Clock, hashToken } from '../../core';
import { OAuthConfig } from '../../config';
import { retryAfterSeconds, RateLimiter } from '../../rate-limit';
import { deviceGrantState } from '../../storage/oauth2/device-code-grant.state';
import { OAuth2DeviceCodeGrantRepository } from '../../storage/oauth2/oauth2-device-code-grant.repository';
import { page, redirect, type WebContext, type WebResult } from '../../web-session';
import { deviceConsentPath } from './device-paths';
import { displayUserCode, normaliseUserCode } from './user-code';

export type LinkError = 'invalid_code' | 'rate_limited';

/**
 * The page where a person enters the code their device shows (RFC 8628 §3.3, MAS `/link`).
 * Every submission is rate limited per address and browser session before the code is looked
 * up (RFC 8628 §5.1); only a pending, unexpired grant's code leads on to its consent page.
 */
@Injectable()
export class DeviceLinkService {
  constructor(
    private readonly clock: Clock,
    private readonly grants: OAuth2DeviceCodeGrantRepository,
    private readonly limiter: RateLimiter,
    private readonly oauth: OAuthConfig,
  ) {}

  /** The form; `?code=` fills it in only with `oauth.device_code_user_code_auto_fill_enabled`. */
  showForm(code: unknown): WebResult {
    const typed = this.oauth.device_code_user_code_auto_fill_enabled
      ? normaliseUserCode(code)
      : null;
    return this.form(typed === null ? '' : displayUserCode(typed), null, 200);
  }

  async submit(web: WebContext, typed: unknown): Promise<WebResult> {
    const verdict = await this.limiter.checkDeviceLink(web.ip, web.session?.id ?? null);
    const shown = typeof typed === 'string' ? typed.trim().slice(0, 64) : '';
    if (!verdict.allowed) {
      const seconds = retryAfterSeconds(verdict.retryAfterMs);
      return this.form(shown, 'rate_limited', 429, seconds);
    }
    const code = normaliseUserCode(typed);
    const grant = code === null ? null : await this.grants.findByUserCodeHash(hashToken(code));
    if (!grant || deviceGrantState(grant, this.clock.now()) !== 'pending') {
      return this.form(shown, 'invalid_code', 400);
    }
    return redirect(deviceConsentPath(grant.id));
  }

  private form(code: string, error: LinkError | null, status: number, retryAfter?: number) {
    return page(
      'device-link.njk',
      { form: { code, error, retry_after: retryAfter ?? null } },
      status,
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    );
  }
}
