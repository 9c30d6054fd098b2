/**
 * MAS string constraints (`policies/common/common.rego` `matches_string_constraints`): a value
 * matches when any list matches. Absent lists never match.
 */
export interface StringConstraints {
  literals?: readonly string[] | null;
  substrings?: readonly string[] | null;
  regexes?: readonly string[] | null;
  prefixes?: readonly string[] | null;
  suffixes?: readonly string[] | null;
}

const compiled = new Map<string, RegExp>();
/** Bound on the memo of compiled patterns; data with more regexes than this just recompiles. */
const MAX_COMPILED = 1024;

/**
 * A policy regex. OPA's `regex.match` is an unanchored RE2 search; JavaScript's unicode-mode
 * RegExp accepts the common subset and refuses RE2-only syntax such as `(?i)`, which the data
 * validation reports (see {@link invalidRegex}).
 */
function regexOf(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** Why `pattern` cannot be a policy regex, or undefined when it can. */
export function invalidRegex(pattern: string): string | undefined {
  try {
    regexOf(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid regular expression';
  }
}

/** Whether `value` matches any of the constraints; an absent value never matches. */
export function matchesStringConstraints(
  value: string | null | undefined,
  constraints: StringConstraints | null | undefined,
): boolean {
  if (value === undefined || value === null || !constraints) return false;
  const c = constraints;
  return (
    (c.regexes ?? []).some((p) => regexOf(p).test(value)) ||
    (c.substrings ?? []).some((s) => value.includes(s)) ||
    (c.literals ?? []).some((l) => value === l) ||
    (c.suffixes ?? []).some((s) => value.endsWith(s)) ||
    (c.prefixes ?? []).some((p) => value.startsWith(p))
  );
}
