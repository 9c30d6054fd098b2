import { isSectionInstance } from './validation/walk';

/** The configuration as plain data with YAML key names; absent optional keys are omitted. */
export function toPlainConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => toPlainConfig(v));
  if (
    typeof value === 'object' &&
    value !== null &&
    (isSectionInstance(value) || isObject(value))
  ) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) out[key] = toPlainConfig(v);
    }
    return out;
  }
  return value;
}

const isObject = (v: object): boolean => Object.getPrototypeOf(v) === Object.prototype;
