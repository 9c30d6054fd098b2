import { isStorableUlid } from '../../core';
import { invalidBody, type JsonObject } from './admin-body';

/**
 * Typed reads of JSON body fields with serde's rules (MAS request structs): a missing field
 * of an `Option` is None, as is an explicit null; a wrong type is a 422 naming the field.
 */
function wrongType(key: string, expected: string): never {
  throw invalidBody(`${key}: invalid type, expected ${expected}`);
}

export function requiredString(body: JsonObject, key: string): string {
  const value = body[key];
  if (value === undefined) throw invalidBody(`missing field \`${key}\``);
  if (typeof value !== 'string') wrongType(key, 'a string');
  return value;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') wrongType(key, 'a string');
  return value;
}

export function requiredBool(body: JsonObject, key: string): boolean {
  const value = body[key];
  if (value === undefined) throw invalidBody(`missing field \`${key}\``);
  if (typeof value !== 'boolean') wrongType(key, 'a boolean');
  return value;
}

export function optionalBool(body: JsonObject, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') wrongType(key, 'a boolean');
  return value;
}

/** An unsigned 32-bit integer (`u32`), or undefined when absent or null. */
export function optionalUint32(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    wrongType(key, 'an unsigned 32-bit integer');
  }
  return value;
}

export function requiredUlid(body: JsonObject, key: string): string {
  const value = requiredString(body, key);
  if (!isStorableUlid(value)) wrongType(key, 'a ULID');
  return value.toUpperCase();
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 date-time (chrono `DateTime<Utc>`), or null when it is not one. */
export function parseDateTime(value: string): Date | null {
  if (!RFC3339.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function optionalDateTime(body: JsonObject, key: string): Date | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const date = typeof value === 'string' ? parseDateTime(value) : null;
  if (date === null) wrongType(key, 'an RFC 3339 date-time');
  return date;
}

/**
 * A field where an explicit null means "clear it" (MAS `deserialize_some`): undefined when
 * absent, null when null, else `read`'s value.
 */
export function nullable<T>(
  body: JsonObject,
  key: string,
  read: (body: JsonObject, key: string) => T | undefined,
): T | null | undefined {
  if (!(key in body)) return undefined;
  if (body[key] === null) return null;
  return read(body, key);
}
