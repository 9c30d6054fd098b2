import { Injectable, Logger } from '@nestjs/common';
import { HomeserverConnection, HomeserverError } from '../../homeserver';
import { page, redirect, type WebContext, type WebResult } from '../../web-session';
import { signInFirst } from '../account-actions';

export const CROSS_SIGNING_RESET_PATH = '/account/cross-signing-reset';

/** How long the homeserver lets the keys be replaced without interactive auth (Synapse). */
export const CROSS_SIGNING_RESET_MINUTES = 10;

/**
 * `/account/cross-signing-reset` (MAS SPA `/reset-cross-signing`, GraphQL
 * `allowUserCrossSigningReset`): explains what a reset means, then lets the user's client
 * replace their cross-signing keys without interactive auth for a while
 * (`allow_cross_signing_reset`, MSC3967).
 */
@Injectable()
export class CrossSigningResetPages {
  private readonly logger = new Logger(CrossSigningResetPages.name);

  constructor(private readonly homeserver: HomeserverConnection) {}

  form(web: WebContext): WebResult {
    if (!web.user) return redirect(signInFirst(CROSS_SIGNING_RESET_PATH));
    return page('account-cross-signing-reset.njk', {
      minutes: CROSS_SIGNING_RESET_MINUTES,
      error: null,
    });
  }

  async allow(web: WebContext): Promise<WebResult> {
    const user = web.user;
    if (!user) return redirect(signInFirst(CROSS_SIGNING_RESET_PATH));
    try {
      await this.homeserver.allowCrossSigningReset(user.username);
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      this.logger.warn(`cross-signing reset not allowed by the homeserver: ${error.message}`);
      return page(
        'account-cross-signing-reset.njk',
        { minutes: CROSS_SIGNING_RESET_MINUTES, error: 'homeserver' },
        502,
      );
    }
    return page('account-cross-signing-reset-done.njk', {
      minutes: CROSS_SIGNING_RESET_MINUTES,
    });
  }
}
