import type { OAuthErrorCode } from '../../../core';

/** Why a check refused an authorization request; sent back to the client's redirect URI. */
export interface CheckFailure {
  error: OAuthErrorCode;
  description: string;
}

export function fail(error: OAuthErrorCode, description: string): CheckFailure {
  return { error, description };
}
