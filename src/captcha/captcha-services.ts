import type { CaptchaService } from '../config';

/** What the browser and the server need to know about one CAPTCHA service. */
export interface CaptchaServiceTraits {
  /** The form field the widget fills in with its response token. */
  readonly formField: string;
  /** The widget's JavaScript (MAS templates/components/captcha.html). */
  readonly scriptUrl: string;
  /** The class of the `<div>` the script turns into a widget. */
  readonly widgetClass: string;
  /** The public siteverify endpoint. */
  readonly verifyUrl: string;
}

export const CAPTCHA_SERVICE_TRAITS: Readonly<Record<CaptchaService, CaptchaServiceTraits>> = {
  // https://developers.google.com/recaptcha/docs/display, .../docs/verify#api_request
  recaptcha_v2: {
    formField: 'g-recaptcha-response',
    scriptUrl: 'https://www.google.com/recaptcha/api.js',
    widgetClass: 'g-recaptcha',
    verifyUrl: 'https://www.google.com/recaptcha/api/siteverify',
  },
  // https://docs.hcaptcha.com/#verify-the-user-response-server-side; recaptchacompat=off keeps
  // hCaptcha from also posting g-recaptcha-response.
  hcaptcha: {
    formField: 'h-captcha-response',
    scriptUrl: 'https://js.hcaptcha.com/1/api.js?recaptchacompat=off',
    widgetClass: 'h-captcha',
    verifyUrl: 'https://api.hcaptcha.com/siteverify',
  },
  // https://developers.cloudflare.com/turnstile/get-started/server-side-validation/
  cloudflare_turnstile: {
    formField: 'cf-turnstile-response',
    scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    widgetClass: 'cf-turnstile',
    verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  },
};

/** Every form field some CAPTCHA service posts. */
export const CAPTCHA_FORM_FIELDS: readonly string[] = Object.values(CAPTCHA_SERVICE_TRAITS).map(
  (t) => t.formField,
);
