export {
  CaptchaEndpoints,
  DEFAULT_CAPTCHA_MAX_RESPONSE_BYTES,
  DEFAULT_CAPTCHA_TIMEOUT_MS,
  type CaptchaEndpointsOptions,
} from './captcha-endpoints';
export { CaptchaFailed, type CaptchaFailureReason } from './captcha-failed.error';
export { CAPTCHA_FORM_FIELDS, CAPTCHA_SERVICE_TRAITS } from './captcha-services';
export { CaptchaVerifier, type CaptchaWidget } from './captcha-verifier.service';
export { CaptchaModule } from './captcha.module';
