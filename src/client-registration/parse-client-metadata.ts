import {
  APPLICATION_TYPES,
  JWS_ALGORITHMS,
  LOCALIZABLE_FIELDS,
  RESPONSE_TYPE_PARTS,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ClientMetadata,
  type JsonWebKeySet,
  type LocalizableField,
  type Localized,
} from './client-metadata';
import { canonicalUri } from './parse-uri-field';
import type { RegistrationErrorCode } from './violation';

export type ParseResult =
  | { ok: true; metadata: ClientMetadata }
  | { ok: false; code: RegistrationErrorCode; description: string };

const URI_FIELDS = ['jwks_uri', 'sector_identifier_uri', 'initiate_login_uri'] as const;
const URI_LIST_FIELDS = ['redirect_uris', 'request_uris', 'post_logout_redirect_uris'] as const;
const STRING_LIST_FIELDS = ['contacts', 'default_acr_values', 'grant_types'] as const;
const BOOLEAN_FIELDS = [
  'require_auth_time',
  'require_signed_request_object',
  'require_pushed_authorization_requests',
] as const;
const STRING_FIELDS = [
  'software_id',
  'software_version',
  'subject_type',
  'id_token_encrypted_response_alg',
  'id_token_encrypted_response_enc',
  'userinfo_encrypted_response_alg',
  'userinfo_encrypted_response_enc',
  'request_object_encryption_alg',
  'request_object_encryption_enc',
  'introspection_encrypted_response_alg',
  'introspection_encrypted_response_enc',
] as const;
const JWS_ALG_FIELDS = [
  'token_endpoint_auth_signing_alg',
  'id_token_signed_response_alg',
  'userinfo_signed_response_alg',
  'request_object_signing_alg',
  'introspection_signed_response_alg',
] as const;

/** Private JWK members (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2) and symmetric keys. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const PUBLIC_KEY_TYPES = ['RSA', 'EC', 'OKP'];
/** A BCP 47 language tag, loosely (RFC 5646 §2.1): the shape, not the registry. */
const LANGUAGE_TAG = /^(?:[A-Za-z]{2,8}|[xXiI])(?:-[A-Za-z0-9]{1,8})*$/;

class ParseFailure extends Error {
  constructor(
    readonly code: RegistrationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const typeError = (field: string, expected: string) =>
  new ParseFailure('invalid_client_metadata', `invalid type for ${field}: expected ${expected}`);

/**
 * Turns a decoded JSON body into {@link ClientMetadata}. RFC 7591 §2: unknown fields are
 * ignored, `null` counts as absent. A field of the wrong JSON type is `invalid_client_metadata`
 * naming the field; a redirect URI that is not an absolute URI is `invalid_redirect_uri`
 * (RFC 7591 §3.2.2).
 */
export function parseClientMetadata(body: unknown): ParseResult {
  if (!isObject(body)) {
    return {
      ok: false,
      code: 'invalid_client_metadata',
      description: 'the client metadata must be a JSON object',
    };
  }
  try {
    return { ok: true, metadata: buildMetadata(body) };
  } catch (error) {
    if (error instanceof ParseFailure) {
      return { ok: false, code: error.code, description: error.message };
    }
    throw error;
  }
}

function buildMetadata(body: Record<string, unknown>): ClientMetadata {
  const out: Record<string, unknown> = {};
  const present = (field: string) => body[field] !== undefined && body[field] !== null;

  for (const field of URI_FIELDS) {
    if (present(field)) out[field] = uri(field, body[field]);
  }
  for (const field of URI_LIST_FIELDS) {
    if (present(field)) out[field] = stringList(field, body[field]).map((u) => uri(field, u));
  }
  for (const field of STRING_LIST_FIELDS) {
    if (present(field)) out[field] = stringList(field, body[field]);
  }
  for (const field of BOOLEAN_FIELDS) {
    if (!present(field)) continue;
    if (typeof body[field] !== 'boolean') throw typeError(field, 'a boolean');
    out[field] = body[field];
  }
  for (const field of STRING_FIELDS) {
    if (present(field)) out[field] = string(field, body[field]);
  }
  for (const field of JWS_ALG_FIELDS) {
    if (present(field)) out[field] = oneOf(field, body[field], JWS_ALGORITHMS);
  }
  if (present('application_type')) {
    out.application_type = oneOf('application_type', body.application_type, APPLICATION_TYPES);
  }
  if (present('token_endpoint_auth_method')) {
    const value = body.token_endpoint_auth_method;
    out.token_endpoint_auth_method = oneOf(
      'token_endpoint_auth_method',
      value,
      TOKEN_ENDPOINT_AUTH_METHODS,
    );
  }
  if (present('response_types')) {
    out.response_types = stringList('response_types', body.response_types).map(responseType);
  }
  if (present('default_max_age')) {
    const value = body.default_max_age;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw typeError('default_max_age', 'a non-negative integer number of seconds');
    }
    out.default_max_age = value;
  }
  if (present('jwks')) out.jwks = jwks(body.jwks);

  for (const [field, localized] of collectLocalized(body)) {
    const parse = field === 'client_name' ? string : uri;
    out[field] = {
      value: parse(field, localized.value),
      variants: localized.variants.map(([tag, v]) => [tag, parse(`${field}#${tag}`, v)]),
    } satisfies Localized<string>;
  }
  return canonicalOrder(out);
}

/** RFC 7591 §2.2: `field` and `field#tag`; a variant without the plain field is refused. */
function collectLocalized(
  body: Record<string, unknown>,
): Map<LocalizableField, Localized<unknown>> {
  const found = new Map<LocalizableField, Localized<unknown>>();
  const entry = (field: LocalizableField) => {
    let e = found.get(field);
    if (!e) {
      e = { value: undefined, variants: [] };
      found.set(field, e);
    }
    return e;
  };
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    const hash = key.indexOf('#');
    const field = (hash === -1 ? key : key.slice(0, hash)) as LocalizableField;
    if (!LOCALIZABLE_FIELDS.includes(field)) continue;
    if (hash === -1) {
      entry(field).value = value;
      continue;
    }
    const tag = key.slice(hash + 1);
    if (!LANGUAGE_TAG.test(tag)) {
      throw new ParseFailure('invalid_client_metadata', `invalid language tag in ${key}`);
    }
    entry(field).variants.push([tag, value]);
  }
  for (const [field, e] of found) {
    if (e.value === undefined) {
      throw new ParseFailure(
        'invalid_client_metadata',
        `missing non-localized variant of field '${field}'`,
      );
    }
    e.variants.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return found;
}

function string(field: string, value: unknown): string {
  if (typeof value !== 'string') throw typeError(field, 'a string');
  return value;
}

function stringList(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw typeError(field, 'an array of strings');
  }
  return value;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  const s = string(field, value);
  if (!(allowed as readonly string[]).includes(s)) {
    throw new ParseFailure('invalid_client_metadata', `unsupported ${field} '${s}'`);
  }
  return s as T;
}

function uri(field: string, value: unknown): string {
  const canonical = canonicalUri(string(field, value));
  if (canonical === undefined) {
    const code = field === 'redirect_uris' ? 'invalid_redirect_uri' : 'invalid_client_metadata';
    throw new ParseFailure(code, `${field}: '${String(value)}' is not an absolute URI`);
  }
  return canonical;
}

/** A response type is a set of components (OAuth 2.0 Multiple Response Types §2); `none` is alone. */
function responseType(value: string): string {
  const parts = value.split(' ').filter((p) => p !== '');
  const unique = new Set(parts);
  const known = parts.every((p) => (RESPONSE_TYPE_PARTS as readonly string[]).includes(p));
  if (
    !known ||
    parts.length === 0 ||
    unique.size !== parts.length ||
    (unique.has('none') && parts.length > 1)
  ) {
    throw new ParseFailure(
      'invalid_client_metadata',
      `response_types: invalid response type '${value}'`,
    );
  }
  return [...unique].sort().join(' ');
}

function jwks(value: unknown): JsonWebKeySet {
  if (!isObject(value) || !Array.isArray(value.keys) || !value.keys.every(isObject)) {
    throw typeError('jwks', 'a JWK Set object with a "keys" array');
  }
  for (const key of value.keys) {
    if (typeof key.kty !== 'string' || !PUBLIC_KEY_TYPES.includes(key.kty)) {
      throw new ParseFailure('invalid_client_metadata', 'jwks: every key needs a public kty');
    }
    if (PRIVATE_JWK_MEMBERS.some((m) => m in key)) {
      throw new ParseFailure('invalid_client_metadata', 'jwks: private key material is refused');
    }
  }
  return { ...value, keys: value.keys };
}

/** Sorts the list fields so equal registrations serialise equally (MAS `ClientMetadata::sorted`). */
function canonicalOrder(m: ClientMetadata): ClientMetadata {
  for (const field of [...URI_LIST_FIELDS, ...STRING_LIST_FIELDS, 'response_types'] as const) {
    m[field]?.sort();
  }
  return m;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
