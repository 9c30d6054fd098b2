import { Module } from '@nestjs/common';
import { CaptchaModule } from '../../captcha';
import { PasswordsModule } from '../../passwords/passwords.module';
import { RegistrationModule } from '../../registration';
import { WebPageErrorFilter } from '../../web-session';
import { RegisterStepsController } from './register-steps.controller';
import { RegisterController } from './register.controller';
import { RegistrationCaptcha } from './registration-captcha';
import { RegistrationLiveChecks } from './registration-live-checks.service';
import { RegistrationPages } from './registration-pages.service';

/** The password registration pages (resource `human`): `/register`, `/register/steps/*`. */
@Module({
  imports: [RegistrationModule, PasswordsModule, CaptchaModule],
  controllers: [RegisterController, RegisterStepsController],
  providers: [RegistrationPages, RegistrationLiveChecks, RegistrationCaptcha, WebPageErrorFilter],
})
export class RegistrationPagesModule {}
