/** RFC 8628 §3.1: the device authorization endpoint (MAS path). */
export const DEVICE_AUTHORIZATION_PATH = 'oauth2/device';
/** RFC 8628 §3.2 `verification_uri`: where the person enters the user code (MAS path). */
export const LINK_PATH = 'link';

/** The consent page of a device authorization grant. */
export function deviceConsentPath(grantId: string): string {
  return `/device/${grantId}`;
}

/** The link page with the code filled in (RFC 8628 §3.3.1 `verification_uri_complete`). */
export function linkPathWithCode(userCode: string): string {
  return `${LINK_PATH}?${new URLSearchParams({ code: userCode }).toString()}`;
}
