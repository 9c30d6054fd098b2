import { InvalidArgumentError } from 'commander';

/** A commander option parser for a whole number ≥ 1 (at most 2^31 − 1, the column's range). */
export function positiveInteger(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError('must be a whole number ≥ 1');
  const n = Number(value);
  if (n < 1 || n > 2_147_483_647) {
    throw new InvalidArgumentError('must be between 1 and 2147483647');
  }
  return n;
}
