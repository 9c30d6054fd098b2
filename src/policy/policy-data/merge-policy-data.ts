import { isPlainObject } from '../../config/validation/rules';

/** Two values of different kinds met at `path` (MAS "Cannot merge a X into a Y"). */
export class PolicyDataMergeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'PolicyDataMergeError';
  }
}

const withArticle = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function mergeAt(left: unknown, right: unknown, path: string): unknown {
  if (right === undefined) return left;
  if (left === undefined || left === null || right === null) return right;
  if (isPlainObject(left) && isPlainObject(right)) {
    const out: Record<string, unknown> = { ...left };
    for (const [key, value] of Object.entries(right)) {
      out[key] = mergeAt(left[key], value, path ? `${path}.${key}` : key);
    }
    return out;
  }
  if (Array.isArray(left) && Array.isArray(right))
    return [...(left as unknown[]), ...(right as unknown[])];
  if (kindOf(left) === kindOf(right) && !isPlainObject(left) && !Array.isArray(left)) return right;
  throw new PolicyDataMergeError(
    path,
    `cannot merge ${withArticle(kindOf(right))} into ${withArticle(kindOf(left))}`,
  );
}

/**
 * Merges policy data documents in order (MAS crates/policy/src/lib.rs `merge_data`): objects
 * merge key by key, arrays concatenate, a scalar replaces a scalar of the same kind, null
 * replaces anything and anything replaces null. Any other pair of kinds throws
 * PolicyDataMergeError. Inputs are not modified.
 */
export function mergePolicyData(...documents: readonly unknown[]): Record<string, unknown> {
  let out: unknown = {};
  for (const doc of documents) out = mergeAt(out, doc, '');
  if (!isPlainObject(out)) throw new PolicyDataMergeError('', 'policy data must be an object');
  return out;
}
