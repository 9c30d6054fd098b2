import { Global, Module } from '@nestjs/common';
import { Encrypter } from '../core';
import { UrlBuilder } from '../http/url-builder';
import { UsersModule } from '../users/users.module';
import { BrowserSessions } from './browser-sessions.service';
import { CsrfTokens } from './csrf-tokens.service';
import { SessionCookieCodec } from './session-cookie';
import { WebPages } from './web-pages.service';
import { WebSessionGuard } from './web-session.guard';

/**
 * The browser side of every human page: the encrypted session cookie, CSRF tokens, the
 * signed-in session and page writing. Needs the config, keys, storage and templates modules
 * (all global) and the accounts of `UsersModule`.
 */
@Global()
@Module({
  imports: [UsersModule],
  providers: [
    {
      provide: SessionCookieCodec,
      inject: [Encrypter, UrlBuilder],
      useFactory: (encrypter: Encrypter, urls: UrlBuilder) =>
        new SessionCookieCodec(encrypter, urls.publicBase),
    },
    BrowserSessions,
    CsrfTokens,
    WebPages,
    WebSessionGuard,
  ],
  exports: [SessionCookieCodec, BrowserSessions, CsrfTokens, WebPages, WebSessionGuard],
})
export class WebSessionModule {}
