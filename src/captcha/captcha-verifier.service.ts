import { Injectable, Logger } from '@nestjs/common';
import { CaptchaConfig, HttpConfig, type CaptchaService } from '../config';
import { CaptchaEndpoints } from './captcha-endpoints';
import { CaptchaFailed } from './captcha-failed.error';
import { CAPTCHA_SERVICE_TRAITS } from './captcha-services';
import { hostnameMatchesSite } from './hostname-match';
import { callSiteverify } from './siteverify';

/** What `_captcha.njk` needs to draw the widget (the context value `captcha`). */
export interface CaptchaWidget {
  service: CaptchaService;
  site_key: string;
  script_url: string;
}

/**
 * Server-side CAPTCHA check for forms (MAS crates/handlers/src/captcha.rs), on when
 * `captcha.service` is set. The response token is sent with the secret key and the client IP
 * to the service's siteverify endpoint; anything but a clear success (including no answer in
 * time) throws `CaptchaFailed`, so the form fails closed.
 */
@Injectable()
export class CaptchaVerifier {
  private readonly logger = new Logger('Captcha');

  constructor(
    private readonly config: CaptchaConfig,
    private readonly http: HttpConfig,
    private readonly endpoints: CaptchaEndpoints,
  ) {}

  private get service(): CaptchaService | null {
    return this.config.service ?? null;
  }

  /** The widget for the templates, or null when no CAPTCHA is configured. */
  widget(): CaptchaWidget | null {
    const service = this.service;
    if (!service || !this.config.site_key) return null;
    return {
      service,
      site_key: this.config.site_key,
      script_url: CAPTCHA_SERVICE_TRAITS[service].scriptUrl,
    };
  }

  /**
   * Checks the widget's answer in a submitted `form` (url-encoded body); `ip` is the client's
   * address as `remoteip`. Resolves when passed or when no CAPTCHA is configured.
   */
  async verify(form: Record<string, unknown>, ip: string | null): Promise<void> {
    const service = this.service;
    if (!service) return;
    try {
      await this.check(service, form, ip);
    } catch (error) {
      if (error instanceof CaptchaFailed) {
        const codes = error.errorCodes.length ? ` [${error.errorCodes.join(', ')}]` : '';
        this.logger.warn(`${service} check failed (${error.reason}): ${error.message}${codes}`);
      }
      throw error;
    }
  }

  private async check(
    service: CaptchaService,
    form: Record<string, unknown>,
    ip: string | null,
  ): Promise<void> {
    const ownField = CAPTCHA_SERVICE_TRAITS[service].formField;
    const present = Object.values(CAPTCHA_SERVICE_TRAITS)
      .map((t) => t.formField)
      .filter((field) => form[field] !== undefined && form[field] !== '');
    if (present.some((field) => field !== ownField)) {
      throw new CaptchaFailed('mismatch', `the form holds a response for another CAPTCHA service`);
    }
    const response = form[ownField];
    if (typeof response !== 'string' || response === '') {
      throw new CaptchaFailed('missing', `the form holds no ${ownField}`);
    }
    const answer = await callSiteverify({
      url: this.endpoints.verifyUrl(service),
      secret: this.config.secret_key ?? '',
      response,
      remoteip: ip,
      timeoutMs: this.endpoints.timeoutMs,
      maxResponseBytes: this.endpoints.maxResponseBytes,
    });
    if (!answer.success) {
      throw new CaptchaFailed('rejected', 'the CAPTCHA response was rejected', answer.errorCodes);
    }
    // A successful answer always names the site and the challenge time (MAS InvalidResponse).
    if (answer.hostname === null || answer.challengeTs === null) {
      throw new CaptchaFailed('invalid_response', 'the CAPTCHA verifier answer lacks hostname');
    }
    const site = new URL(this.http.publicBaseUrl).hostname;
    if (!hostnameMatchesSite(site, answer.hostname)) {
      throw new CaptchaFailed(
        'hostname_mismatch',
        `the CAPTCHA was solved on ${answer.hostname}, not ${site}`,
      );
    }
  }
}
