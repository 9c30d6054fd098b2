/** Redirect targets longer than this are refused (no real client needs more). */
const MAX_REDIRECT_URL_LENGTH = 2048;

/** Schemes a browser would run or render in place instead of handing to an application. */
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'blob:', 'file:']);

/**
 * Why a legacy SSO `redirectUrl` is refused (MAS compat/login_sso_redirect.rs), or null when
 * it is usable: it must parse as an absolute URL, carry no userinfo, and name a host when it
 * is http(s). Native clients use their own schemes, which are allowed; schemes a browser runs
 * itself (`javascript:`, `data:`, …) are not, since the page redirects there with a token.
 */
export function redirectUrlProblem(value: string): string | null {
  if (value.length > MAX_REDIRECT_URL_LENGTH) return 'redirectUrl is too long';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'redirectUrl is not a valid absolute URL';
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `redirectUrl may not use ${url.protocol}`;
  if (url.username !== '' || url.password !== '') return 'redirectUrl may not contain userinfo';
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') {
    return 'redirectUrl must name a host';
  }
  return null;
}

/** The redirect target with `loginToken` added to its query (C-S spec "Client login via SSO"). */
export function withLoginToken(redirectUrl: string, loginToken: string): string {
  const url = new URL(redirectUrl);
  url.searchParams.set('loginToken', loginToken);
  return url.toString();
}

/** What the confirmation page shows of the target: its origin or scheme, and the full URL. */
export function redirectTargetView(redirectUrl: string): { host: string; url: string } {
  const url = new URL(redirectUrl);
  const host = url.host !== '' ? url.host : url.protocol.replace(/:$/, '');
  return { host, url: redirectUrl };
}
