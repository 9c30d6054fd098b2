import { Injectable } from '@nestjs/common';

/**
 * MERGE POINT (captcha, built in parallel in src/captcha/): the single place where password
 * registration asks for a CAPTCHA. Wire it to `CaptchaVerifier` at merge:
 * `verify` becomes `await verifier.verify(form, ip)` returning false on `CaptchaFailed`, and
 * `widget` the context value `_captcha.njk` renders (null when `captcha.service` is unset).
 * Until then no CAPTCHA is asked, as when `captcha.service` is unset.
 */
@Injectable()
export class RegistrationCaptcha {
  /** Whether the form carries a valid CAPTCHA response (always, with no service configured). */
  verify(_form: Record<string, unknown>, _ip: string | null): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** The `captcha` value of the registration form's template: null renders no widget. */
  get widget(): unknown {
    return null;
  }
}
