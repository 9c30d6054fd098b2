/** MAS `ViolationVariant` codes (crates/policy/src/model.rs). */
export type ViolationCode =
  | 'username-too-short'
  | 'username-too-long'
  | 'username-invalid-chars'
  | 'username-all-numeric'
  | 'username-banned'
  | 'username-not-allowed'
  | 'email-domain-not-allowed'
  | 'email-domain-banned'
  | 'email-not-allowed'
  | 'email-banned'
  | 'too-many-sessions';

/**
 * One policy refusal, shaped as MAS's rego `violation` objects: a message, and where MAS has
 * them a code, the input field it concerns, how many sessions must go (`too-many-sessions`)
 * or the redirect URI at fault.
 */
export interface Violation {
  msg: string;
  code?: ViolationCode;
  field?: string;
  need_to_remove?: number;
  redirect_uri?: string;
}

/** What every policy entrypoint answers; allowed means no violations. */
export interface PolicyVerdict<V extends Violation = Violation> {
  violations: V[];
}
