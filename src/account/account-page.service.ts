import { Injectable } from '@nestjs/common';
import { MatrixConfig } from '../config';
import { page, redirect, type WebContext, type WebResult } from '../web-session';

/** The path of the account page, advertised as `account_management_uri` (MSC4191). */
export const ACCOUNT_PATH = '/account';

/**
 * `GET /account`: the signed-in user's username and Matrix ID, with a sign-out button. A
 * browser that is not signed in is sent to the login page, which returns here.
 */
@Injectable()
export class AccountPageService {
  constructor(private readonly matrix: MatrixConfig) {}

  show(web: WebContext): WebResult {
    const user = web.user;
    if (!user) return redirect(`/login?next=${encodeURIComponent(ACCOUNT_PATH)}`);
    return page('account.njk', {
      user: { username: user.username, mxid: `@${user.username}:${this.matrix.homeserver}` },
    });
  }
}
