import { verifyS256 } from '../../protocol/pkce';
import type { OAuth2AuthorizationGrantEntity } from './oauth2-authorization-grant.entity';

/** The code must be exchanged at most 10 minutes after consent (MAS; RFC 6749 §4.1.2). */
export const CODE_EXCHANGE_WINDOW_MS = 10 * 60 * 1000;
/** A code replayed more than 20 s after its exchange ends the session it created (MAS). */
export const CODE_REPLAY_GRACE_MS = 20 * 1000;

export interface CodeRedemptionRequest {
  clientId: string;
  redirectUri: string | undefined;
  codeVerifier: string | undefined;
}

export type CodeRedemption =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'not_fulfilled'
        | 'expired'
        | 'wrong_client'
        | 'redirect_uri_mismatch'
        | 'pkce_required'
        | 'pkce_unexpected'
        | 'pkce_failed'
        | 'replayed';
      /** On a late replay: the session the first exchange created, to be ended (RFC 6749 §4.1.2). */
      endSessionId?: string;
    };

/** Whether the authorization request named its redirect URI (kept in its raw parameters). */
function redirectUriWasRequested(grant: OAuth2AuthorizationGrantEntity): boolean {
  const raw = grant.rawParameters;
  if (typeof raw !== 'object' || raw === null) return false;
  const value = (raw as Record<string, unknown>).redirect_uri;
  return typeof value === 'string' && value !== '';
}

/**
 * Whether a token request may redeem this grant's code (RFC 6749 §4.1.3, RFC 7636 §4.6).
 * A verifier without a challenge is refused too: accepting it would allow a PKCE downgrade
 * (RFC 9700 §2.1.1).
 */
export function checkCodeRedemption(
  grant: OAuth2AuthorizationGrantEntity,
  req: CodeRedemptionRequest,
  now: Date,
): CodeRedemption {
  if (grant.exchangedAt) {
    const late = now.getTime() - grant.exchangedAt.getTime() > CODE_REPLAY_GRACE_MS;
    return {
      ok: false,
      reason: 'replayed',
      endSessionId: late && grant.oauth2SessionId ? grant.oauth2SessionId : undefined,
    };
  }
  if (!grant.fulfilledAt || grant.cancelledAt) return { ok: false, reason: 'not_fulfilled' };
  if (grant.oauth2ClientId !== req.clientId) return { ok: false, reason: 'wrong_client' };
  if (now.getTime() - grant.fulfilledAt.getTime() > CODE_EXCHANGE_WINDOW_MS) {
    return { ok: false, reason: 'expired' };
  }
  // RFC 6749 §4.1.3: redirect_uri is required when the authorization request carried one, and
  // must then be identical; when it had none (one registered URI), a given one must match.
  if (
    (redirectUriWasRequested(grant) || req.redirectUri !== undefined) &&
    req.redirectUri !== grant.redirectUri
  ) {
    return { ok: false, reason: 'redirect_uri_mismatch' };
  }
  if (grant.codeChallenge) {
    if (!req.codeVerifier) return { ok: false, reason: 'pkce_required' };
    if (
      grant.codeChallengeMethod !== 'S256' ||
      !verifyS256(req.codeVerifier, grant.codeChallenge)
    ) {
      return { ok: false, reason: 'pkce_failed' };
    }
  } else if (req.codeVerifier !== undefined) {
    return { ok: false, reason: 'pkce_unexpected' };
  }
  return { ok: true };
}
