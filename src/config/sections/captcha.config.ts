import type { ConfigProblem } from '../config-error';
import { isSet, type CrossChecked } from '../validation/cross-check';
import { NonEmptyStr, OneOf, Opt } from '../validation/rules';

export const CAPTCHA_SERVICES = ['recaptcha_v2', 'cloudflare_turnstile', 'hcaptcha'] as const;
export type CaptchaService = (typeof CAPTCHA_SERVICES)[number];

/** `captcha` (MAS docs/reference/configuration.md#captcha); `service: ~` disables it. */
export class CaptchaConfig implements CrossChecked {
  @Opt() @OneOf(CAPTCHA_SERVICES) service?: CaptchaService | null;
  @Opt() @NonEmptyStr() site_key?: string;
  @Opt() @NonEmptyStr() secret_key?: string;

  crossCheck(): ConfigProblem[] {
    if (!isSet(this, 'service')) return [];
    return ['site_key', 'secret_key']
      .filter((k) => !isSet(this, k))
      .map((k) => ({ path: k, message: `is required when service is set` }));
  }
}
