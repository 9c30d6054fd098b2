import type { ConfigProblem } from '../../config/config-error';
import type { ExperimentalConfig } from '../../config/sections/experimental.config';
import type { MatrixConfig } from '../../config/sections/matrix.config';
import type { PolicyConfig } from '../../config/sections/policy.config';
import { mergePolicyData, PolicyDataMergeError } from './merge-policy-data';
import { validatePolicyData, type PolicyDataCheck } from './validate-policy-data';

/** The configuration sections the policy data is built from. */
export interface PolicyDataSections {
  policy: PolicyConfig;
  matrix: MatrixConfig;
  experimental: ExperimentalConfig;
}

/**
 * The static data as MAS builds it (crates/cli/src/util.rs `policy_factory_from_config`):
 * `{server_name, session_limit}` with `policy.data` merged over it. A plain JSON object.
 */
export function staticPolicyDocument(sections: PolicyDataSections): Record<string, unknown> {
  const limit = sections.experimental.session_limit;
  const base = {
    server_name: sections.matrix.homeserver,
    session_limit: limit
      ? {
          soft_limit: limit.soft_limit,
          hard_limit: limit.hard_limit,
          max_session_threshold: limit.max_session_threshold ?? null,
          dangerous_hard_limit_eviction: limit.dangerous_hard_limit_eviction,
        }
      : null,
  };
  return mergePolicyData(base, JSON.parse(JSON.stringify(sections.policy.data)) as unknown);
}

/**
 * The data the policies read: the static document with the dynamic data (if any) merged over
 * it, then validated. A merge conflict or a bad type is reported as problems, with paths.
 */
export function effectivePolicyData(
  staticDocument: Record<string, unknown>,
  dynamic: unknown,
): PolicyDataCheck {
  let merged: Record<string, unknown>;
  try {
    merged = mergePolicyData(staticDocument, dynamic ?? undefined);
  } catch (error) {
    if (!(error instanceof PolicyDataMergeError)) throw error;
    const problem: ConfigProblem = { path: error.path, message: error.message };
    if (error.path) problem.message = error.message.slice(error.path.length + 2);
    return { ok: false, problems: [problem] };
  }
  return validatePolicyData(merged);
}
