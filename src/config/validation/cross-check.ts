import type { ConfigProblem } from '../config-error';

/**
 * Implemented by sections with rules spanning several keys. Paths are relative to the
 * section (`''` for the section itself); the validator prefixes them.
 */
export interface CrossChecked {
  crossCheck(): ConfigProblem[];
}

export function isCrossChecked(value: unknown): value is CrossChecked {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<CrossChecked>).crossCheck === 'function'
  );
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

/** `exactly one of a or b must be set`, at the section's own path. */
export function exactlyOne(owner: object, ...keys: string[]): ConfigProblem[] {
  const set = keys.filter((k) => present((owner as Record<string, unknown>)[k]));
  return set.length === 1
    ? []
    : [{ path: '', message: `exactly one of ${orList(keys)} must be set` }];
}

/** `only one of a or b can be set`, at the section's own path. */
export function atMostOne(owner: object, ...keys: string[]): ConfigProblem[] {
  const set = keys.filter((k) => present((owner as Record<string, unknown>)[k]));
  return set.length <= 1 ? [] : [{ path: '', message: `only one of ${orList(keys)} can be set` }];
}

export function isSet(owner: object, key: string): boolean {
  return present((owner as Record<string, unknown>)[key]);
}

function orList(keys: string[]): string {
  return keys.length <= 2 ? keys.join(' or ') : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`;
}
