import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UrlBuilder } from '../../http/url-builder';
import { ServedBy } from '../../http/resource';
import { PASSWORD_PATH } from './password-change-pages.service';

/**
 * `GET /.well-known/change-password` (W3C "A Well-Known URL for Changing Passwords" §3):
 * redirects to the password change page, as MAS does to its own.
 */
@Controller('.well-known/change-password')
@ServedBy('human')
export class ChangePasswordWellKnownController {
  constructor(private readonly urls: UrlBuilder) {}

  @Get()
  redirect(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, this.urls.absolute(PASSWORD_PATH));
  }
}
