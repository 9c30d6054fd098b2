import 'reflect-metadata';
import { isIP } from 'node:net';
import { Transform, Type } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';

type Test = (value: unknown) => boolean;
type ClassRef = new () => object;

const OPEN_SECTION = Symbol('mas-config-open-section');

/**
 * Registers a single check whose message is `is required` when the value is absent and
 * `message` otherwise. Every declared YAML key carries at least one rule, which is also how
 * unknown keys are told apart from known ones.
 */
export function Rule(name: string, test: Test, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => test(value),
      defaultMessage: (args?: ValidationArguments) =>
        args?.value === undefined ? requiredOr(message) : message,
    },
  });
}

function requiredOr(message: string): string {
  return message.startsWith('must be') ? 'is required' : message;
}

/** The value may be absent (undefined or `~`); other rules then do not run. */
export const Opt = (): PropertyDecorator => IsOptional();

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const Str = (): PropertyDecorator => Rule('str', isString, 'must be a string');
export const NonEmptyStr = (): PropertyDecorator =>
  Rule('nonEmptyStr', (v) => isString(v) && v.length > 0, 'must be a non-empty string');
export const Bool = (): PropertyDecorator =>
  Rule('bool', (v) => typeof v === 'boolean', 'must be true or false');

export function Num(min?: number, max?: number): PropertyDecorator {
  return Rule(
    'num',
    (v) => typeof v === 'number' && Number.isFinite(v) && inRange(v, min, max),
    'must be a number' + rangeText(min, max),
  );
}

export function Int(min?: number, max?: number): PropertyDecorator {
  return Rule(
    'int',
    (v) => typeof v === 'number' && Number.isInteger(v) && inRange(v, min, max),
    'must be an integer' + rangeText(min, max),
  );
}

function inRange(v: number, min?: number, max?: number): boolean {
  return (min === undefined || v >= min) && (max === undefined || v <= max);
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

export function OneOf(values: readonly string[]): PropertyDecorator {
  return Rule(
    'oneOf',
    (v) => isString(v) && values.includes(v),
    `must be one of: ${values.join(', ')}`,
  );
}

export function isUrl(v: unknown, protocols: readonly string[] = ['http:', 'https:']): boolean {
  if (!isString(v)) return false;
  try {
    return protocols.includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

export const Url = (): PropertyDecorator => Rule('url', (v) => isUrl(v), 'must be an http(s) URL');

/** ULID as per https://github.com/ulid/spec (Crockford base32, 26 chars, case-insensitive). */
export const ULID_RE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;
export const isUlid = (v: unknown): boolean => isString(v) && ULID_RE.test(v);
export const Ulid = (): PropertyDecorator => Rule('ulid', isUlid, 'must be a valid ULID');

export function isIpOrCidr(v: unknown): boolean {
  if (!isString(v)) return false;
  const [ip, prefix, ...rest] = v.split('/');
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export function ListOf(test: Test, what: string): PropertyDecorator {
  return Rule('listOf', (v) => Array.isArray(v) && v.every(test), `must be a list of ${what}`);
}

export const StrList = (): PropertyDecorator => ListOf(isString, 'strings');
export const UrlList = (): PropertyDecorator => ListOf((v) => isUrl(v), 'http(s) URLs');

/** A nested section: a mapping validated as `cls`. */
export function Nested(cls: () => ClassRef): PropertyDecorator {
  return (target, key) => {
    Type(cls)(target, key);
    keepRawUnless(isPlainObject)(target, key);
    ValidateNested({ message: 'must be a mapping' })(target, key);
    Rule('mapping', isPlainObject, 'must be a mapping')(target, key);
  };
}

/** A list of nested sections, each validated as `cls`. */
export function NestedList(cls: () => ClassRef): PropertyDecorator {
  return (target, key) => {
    Type(cls)(target, key);
    keepRawUnless(Array.isArray)(target, key);
    ValidateNested({ each: true, message: 'every entry must be a mapping' })(target, key);
    Rule('list', (v) => Array.isArray(v), 'must be a list')(target, key);
  };
}

/** Leaves a value of the wrong shape as written, so only the shape problem is reported. */
function keepRawUnless(shape: Test): PropertyDecorator {
  return Transform(
    ({ value, obj, key }: { value: unknown; obj: Record<string, unknown>; key: string }) =>
      shape(obj[key]) ? value : obj[key],
  );
}

/** Marks a class whose mapping accepts arbitrary extra keys without a warning (policy data). */
export function OpenSection(): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, OPEN_SECTION, { value: true });
  };
}

export function isOpenSection(ctor: unknown): boolean {
  return (
    typeof ctor === 'function' &&
    (ctor as unknown as Record<symbol, unknown>)[OPEN_SECTION] === true
  );
}
