import { Module } from '@nestjs/common';
import { CaptchaEndpoints } from './captcha-endpoints';
import { CaptchaVerifier } from './captcha-verifier.service';

/**
 * `CaptchaVerifier` for forms that ask for a CAPTCHA (needs the global config). Tests replace
 * `CaptchaEndpoints` to send the siteverify calls to a loopback server.
 */
@Module({
  providers: [
    { provide: CaptchaEndpoints, useFactory: () => new CaptchaEndpoints() },
    CaptchaVerifier,
  ],
  exports: [CaptchaVerifier, CaptchaEndpoints],
})
export class CaptchaModule {}
