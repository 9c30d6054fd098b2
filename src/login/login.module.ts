import { WebPageErrorFilter } from '../web-session';
import { Module } from '@nestjs/common';
import { IndexPageController } from './index-page.controller';
import { IndexPageService } from './index-page.service';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';
import { LogoutController } from './logout.controller';
import { LogoutService } from './logout.service';

/** The password login surface (resource `human`): `/`, `/login`, `/logout`. */
@Module({
  controllers: [IndexPageController, LoginController, LogoutController],
  providers: [IndexPageService, LoginService, LogoutService, WebPageErrorFilter],
})
export class LoginModule {}
