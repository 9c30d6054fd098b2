import { isValidEmail } from '../users/email-address';

/**
 * What to prefill the login form's identifier with for an OIDC `login_hint` (MAS
 * views/login.rs): the localpart of `mxid:@localpart:server` when `server` is this
 * homeserver, or an email address when email login is allowed; otherwise nothing.
 */
export function prefillFromLoginHint(
  hint: unknown,
  homeserver: string,
  emailLoginAllowed: boolean,
): string {
  if (typeof hint !== 'string' || hint.length > 512) return '';
  const mxid = /^mxid:@([^:]+):(.+)$/.exec(hint);
  if (mxid) return mxid[2].toLowerCase() === homeserver.toLowerCase() ? mxid[1] : '';
  if (emailLoginAllowed && isValidEmail(hint)) return hint;
  return '';
}
