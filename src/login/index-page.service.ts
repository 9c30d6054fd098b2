import { Injectable } from '@nestjs/common';
import { page, type WebContext, type WebResult } from '../web-session';

/** `GET /`: who is signed in, with a sign-out button, or a link to sign in (MAS views/index.rs). */
@Injectable()
export class IndexPageService {
  show(_web: WebContext): WebResult {
    return page('index.njk');
  }
}
