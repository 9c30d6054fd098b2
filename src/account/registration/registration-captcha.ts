import { Injectable } from '@nestjs/common';
import { CaptchaFailed, CaptchaVerifier, type CaptchaWidget } from '../../captcha';

/** The form error a registration attempt gets from the CAPTCHA, or null when it passed. */
export type RegistrationCaptchaError = 'captcha' | 'captcha_unavailable';

/**
 * The CAPTCHA of the registration form (`captcha.service`; MAS asks for it on
 * `/register/password`). Without a configured service nothing is asked.
 */
@Injectable()
export class RegistrationCaptcha {
  constructor(private readonly verifier: CaptchaVerifier) {}

  /**
   * Checks the widget's answer in the submitted form. A service that cannot be reached fails
   * closed, with its own message so the person knows retrying later may help.
   */
  async check(
    form: Record<string, unknown>,
    ip: string | null,
  ): Promise<RegistrationCaptchaError | null> {
    try {
      await this.verifier.verify(form, ip);
      return null;
    } catch (error) {
      if (!(error instanceof CaptchaFailed)) throw error;
      return error.reason === 'unreachable' ? 'captcha_unavailable' : 'captcha';
    }
  }

  /** The `captcha` value `_captcha.njk` draws; null renders no widget. */
  get widget(): CaptchaWidget | null {
    return this.verifier.widget();
  }
}
