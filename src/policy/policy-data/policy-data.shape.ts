import { Int, Nested, NonEmptyStr, Opt, OpenSection } from '../../config/validation/rules';
import { PolicyDataConfig } from '../../config/sections/policy-data.config';

/** `session_limit` as the policies read it (MAS `SessionLimitConfig`). */
@OpenSection()
export class SessionLimitDataShape {
  @Int(1) soft_limit!: number;
  @Int(1) hard_limit!: number;
  @Opt() @Int(1) max_session_threshold?: number | null;
}

/**
 * The merged policy data, type-checked with the same rules as the static `policy.data` plus
 * the two keys the configuration adds (`server_name`, `session_limit`).
 */
@OpenSection()
export class PolicyDataShape extends PolicyDataConfig {
  @NonEmptyStr() server_name!: string;
  @Opt() @Nested(() => SessionLimitDataShape) session_limit?: SessionLimitDataShape | null;
}
