import { isPlainObject } from './validation/rules';

/**
 * Merges configuration documents in order: mappings merge key by key, while lists and scalars
 * (including `~`) from a later document replace earlier ones.
 */
export function deepMerge(documents: readonly unknown[]): Record<string, unknown> {
  let result: Record<string, unknown> = {};
  for (const doc of documents) result = mergeTwo(result, doc) as Record<string, unknown>;
  return result;
}

function mergeTwo(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeTwo(base[key], value);
  return out;
}
