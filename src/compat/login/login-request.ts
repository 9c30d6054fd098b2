import { badJson, MatrixError } from '../matrix-error';

/** What every login type carries besides its credentials (C-S spec `POST /login`). */
export interface LoginOptions {
  deviceId?: string;
  deviceName: string | null;
  /** `refresh_token: true`: the client supports refresh tokens (C-S spec v1.3). */
  refreshToken: boolean;
}

/** A `POST /login` body, checked for shape. */
export type LoginRequest =
  | ({ type: 'm.login.password'; identifier: PasswordIdentifier; password: string } & LoginOptions)
  | ({ type: 'm.login.token'; token: string } & LoginOptions);

/** Who a password login names: a user (localpart or MXID) or an email address. */
export type PasswordIdentifier =
  { kind: 'user'; user: string } | { kind: 'email'; address: string };

/** Device ids and names longer than this are refused (Synapse stores them as text; 255 is ample). */
const MAX_DEVICE_FIELD_LENGTH = 255;

/** Printable characters, no white space: what a device id may hold here. */
const DEVICE_ID = /^[\x21-\x7e]+$/;

const unknownLoginType = (type: string) =>
  new MatrixError(400, 'M_UNKNOWN', `Unknown login type ${JSON.stringify(type)}`);

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) {
    throw new MatrixError(400, 'M_MISSING_PARAM', `Missing parameter '${key}'`);
  }
  if (typeof value !== 'string') throw badJson(`'${key}' must be a string`);
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badJson(`'${key}' must be a string`);
  return value;
}

function deviceField(body: Record<string, unknown>, key: string): string | undefined {
  const value = optionalString(body, key);
  if (value !== undefined && value.length > MAX_DEVICE_FIELD_LENGTH) {
    throw new MatrixError(400, 'M_INVALID_PARAM', `'${key}' is too long`);
  }
  return value;
}

function options(body: Record<string, unknown>): LoginOptions {
  const deviceId = deviceField(body, 'device_id');
  if (deviceId !== undefined && !DEVICE_ID.test(deviceId)) {
    throw new MatrixError(
      400,
      'M_INVALID_PARAM',
      "'device_id' must be printable ASCII without spaces",
    );
  }
  const refresh = body.refresh_token;
  if (refresh !== undefined && typeof refresh !== 'boolean') {
    throw badJson("'refresh_token' must be a boolean");
  }
  return {
    ...(deviceId === undefined ? {} : { deviceId }),
    deviceName: deviceField(body, 'initial_device_display_name') ?? null,
    refreshToken: refresh === true,
  };
}

/**
 * The identifier of a password login (C-S spec "Identifier types"): `m.id.user`, an email
 * `m.id.thirdparty`, or the deprecated top-level `user` / `medium` + `address` forms.
 */
function passwordIdentifier(body: Record<string, unknown>): PasswordIdentifier {
  const identifier = body.identifier;
  if (identifier === undefined || identifier === null) {
    const user = optionalString(body, 'user');
    if (user !== undefined) return { kind: 'user', user };
    if (optionalString(body, 'medium') === 'email') {
      return { kind: 'email', address: requiredString(body, 'address') };
    }
    throw new MatrixError(400, 'M_MISSING_PARAM', "Missing parameter 'identifier'");
  }
  if (typeof identifier !== 'object' || Array.isArray(identifier)) {
    throw badJson("'identifier' must be an object");
  }
  const id = identifier as Record<string, unknown>;
  const type = requiredString(id, 'type');
  switch (type) {
    case 'm.id.user':
      return { kind: 'user', user: requiredString(id, 'user') };
    case 'm.id.thirdparty': {
      const medium = requiredString(id, 'medium');
      if (medium !== 'email') {
        throw new MatrixError(
          400,
          'M_UNKNOWN',
          `Unsupported third-party medium ${JSON.stringify(medium)}`,
        );
      }
      return { kind: 'email', address: requiredString(id, 'address') };
    }
    default:
      throw new MatrixError(
        400,
        'M_UNKNOWN',
        `Unsupported identifier type ${JSON.stringify(type)}`,
      );
  }
}

/** Checks the shape of a `POST /login` body; throws a MatrixError naming what is wrong. */
export function parseLoginRequest(body: Record<string, unknown>): LoginRequest {
  const type = requiredString(body, 'type');
  switch (type) {
    case 'm.login.password':
      return {
        type,
        identifier: passwordIdentifier(body),
        password: requiredString(body, 'password'),
        ...options(body),
      };
    case 'm.login.token':
      return { type, token: requiredString(body, 'token'), ...options(body) };
    default:
      throw unknownLoginType(type);
  }
}
