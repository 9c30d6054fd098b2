import { plainToInstance } from 'class-transformer';
import type { ConfigProblem } from '../../config/config-error';
import { isPlainObject } from '../../config/validation/rules';
import { validateSections } from '../../config/validation/validate';
import { invalidDomainGlob } from '../common/domain-glob';
import { invalidRegex } from '../common/string-constraints';
import type { PolicyData } from './policy-data';
import { PolicyDataShape } from './policy-data.shape';

/** The keys holding string constraints, whose `regexes` must compile. */
const CONSTRAINT_PATHS = [
  ['registration', 'allowed_usernames'],
  ['registration', 'banned_usernames'],
  ['emails', 'allowed_addresses'],
  ['emails', 'banned_addresses'],
  ['requester', 'banned_user_agents'],
] as const;

function at(data: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const key of path) value = isPlainObject(value) ? value[key] : undefined;
  return value;
}

function patternProblems(data: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const path of CONSTRAINT_PATHS) {
    const regexes = at(data, [...path, 'regexes']);
    if (!Array.isArray(regexes)) continue;
    regexes.forEach((p, i) => {
      const why = typeof p === 'string' ? invalidRegex(p) : undefined;
      if (why) problems.push({ path: `${path.join('.')}.regexes[${i}]`, message: why });
    });
  }
  for (const key of ['allowed_domains', 'banned_domains']) {
    const globs = data[key];
    if (!Array.isArray(globs)) continue;
    globs.forEach((p, i) => {
      const why = typeof p === 'string' ? invalidDomainGlob(p) : undefined;
      if (why) problems.push({ path: `${key}[${i}]`, message: why });
    });
  }
  return problems;
}

export type PolicyDataCheck =
  { ok: true; data: PolicyData } | { ok: false; problems: ConfigProblem[] };

/**
 * Checks merged policy data before the policies may read it: every key the bundled policies
 * read has its type (as for the static `policy.data`), regexes compile and domain globs parse.
 * Unknown keys pass untouched.
 */
export function validatePolicyData(merged: Record<string, unknown>): PolicyDataCheck {
  let shaped: PolicyDataShape;
  try {
    shaped = plainToInstance(PolicyDataShape, merged, { exposeDefaultValues: false });
  } catch {
    return {
      ok: false,
      problems: [{ path: '', message: 'the policy data has an unexpected shape' }],
    };
  }
  const problems = [...validateSections(shaped), ...patternProblems(merged)];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data: merged as PolicyData };
}
