import { Injectable, Logger } from '@nestjs/common';
import { HomeserverConnection, HomeserverError } from '../homeserver';
import { page, redirect, type WebContext, type WebResult } from '../web-session';
import { accountActionPath, signInFirst } from './account-actions';
import { AccountFeatures } from './account-features';
import type { UserView } from '../users/user-view';
import type { AccountQuery, DisplayNameForm } from './account-forms';

/** The path of the account page, advertised as `account_management_uri` (MSC4191). */
export const ACCOUNT_PATH = '/account';

/** Synapse refuses longer display names (`MAX_DISPLAYNAME_LEN`). */
export const MAX_DISPLAY_NAME_LENGTH = 256;

type ProfileNotice = { saved?: boolean; error?: string; value?: string; status?: number };

/**
 * `GET /account`: the profile page of the signed-in user (username, Matrix ID, display name,
 * links to the other account pages), and the MSC4191 deep links `?action=…` which open the
 * page the action names. A browser that is not signed in goes through the login page, which
 * returns to that page.
 */
@Injectable()
export class AccountPageService {
  private readonly logger = new Logger(AccountPageService.name);

  constructor(
    private readonly homeserver: HomeserverConnection,
    private readonly features: AccountFeatures,
  ) {}

  async show(web: WebContext, query: AccountQuery): Promise<WebResult> {
    const target = accountActionPath(query.action, query.device_id);
    if (!web.user) return redirect(signInFirst(target ?? ACCOUNT_PATH));
    if (target) return redirect(target);
    return this.profile(web.user, {});
  }

  /**
   * `POST /account/display-name`: sets the display name on the homeserver (`set_displayname`),
   * or clears it when the field is empty (`unset_displayname`), as MAS's `setDisplayName`.
   */
  async setDisplayName(web: WebContext, form: DisplayNameForm): Promise<WebResult> {
    const user = web.user;
    if (!user) return redirect(signInFirst(ACCOUNT_PATH));
    if (!this.features.displayNameChange) return this.features.disabled('display_name');
    const value = form.displayName;
    if (value.length > MAX_DISPLAY_NAME_LENGTH) {
      return this.profile(user, { error: 'too_long', value, status: 400 });
    }
    try {
      if (value === '') await this.homeserver.unsetDisplayName(user.username);
      else await this.homeserver.setDisplayName(user.username, value);
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      this.logger.warn(`display name change failed on the homeserver: ${error.message}`);
      return this.profile(user, { error: 'homeserver', value, status: 502 });
    }
    return this.profile(user, { saved: true });
  }

  private async profile(user: UserView, notice: ProfileNotice): Promise<WebResult> {
    let displayName: string | null = null;
    let displayNameKnown = true;
    try {
      displayName = (await this.homeserver.queryUser(user.username)).displayName;
    } catch (error) {
      if (!(error instanceof HomeserverError)) throw error;
      this.logger.warn(`could not read the display name: ${error.message}`);
      displayNameKnown = false;
    }
    return page(
      'account.njk',
      {
        user: { username: user.username, mxid: this.homeserver.mxid(user.username) },
        display_name: {
          value: notice.value ?? displayName ?? '',
          known: displayNameKnown,
          editable: this.features.displayNameChange,
          saved: notice.saved === true,
          error: notice.error ?? null,
          max_length: MAX_DISPLAY_NAME_LENGTH,
        },
        can: {
          change_password: this.features.passwordChange,
          deactivate: this.features.deactivation,
        },
      },
      notice.status ?? 200,
    );
  }
}
