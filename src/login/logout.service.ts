import { Injectable } from '@nestjs/common';
import { BrowserSessions, redirect, type WebContext, type WebResult } from '../web-session';

/** `POST /logout` (MAS views/logout.rs): ends this browser session only. */
@Injectable()
export class LogoutService {
  constructor(private readonly sessions: BrowserSessions) {}

  async logout(web: WebContext): Promise<WebResult> {
    await this.sessions.end(web);
    return redirect('/login');
  }
}
