import { DomainError } from '../core';

/** The homeserver calls, named after Synapse's `/_synapse/mas/*` endpoints (CONTRACTS §3). */
export type HomeserverOperation =
  | 'query_user'
  | 'provision_user'
  | 'is_localpart_available'
  | 'upsert_device'
  | 'delete_device'
  | 'update_device_display_name'
  | 'sync_devices'
  | 'delete_user'
  | 'reactivate_user'
  | 'set_displayname'
  | 'unset_displayname'
  | 'allow_cross_signing_reset';

/**
 * A homeserver call failed. Messages name the call and what the homeserver answered; they never
 * hold the shared secret, so they are safe to log and to show an administrator.
 */
export abstract class HomeserverError extends DomainError {
  constructor(
    readonly operation: HomeserverOperation,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
  }

  /** True when retrying later may succeed (the homeserver is down, overloaded or restarting). */
  abstract readonly transient: boolean;
}

/** No answer: connection refused or reset, DNS failure, or no answer within the timeout. */
export class HomeserverUnreachable extends HomeserverError {
  readonly code = 'homeserver_unreachable';
  readonly transient = true;

  constructor(
    operation: HomeserverOperation,
    readonly timedOut: boolean,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(operation, detail, options);
  }
}

/**
 * The homeserver refused our shared secret: 401 `M_MISSING_TOKEN` or 403 (CONTRACTS §3).
 * `matrix.secret` differs from Synapse's `matrix_authentication_service.secret`.
 */
export class HomeserverUnauthorized extends HomeserverError {
  readonly code = 'homeserver_unauthorized';
  readonly transient = false;

  constructor(
    operation: HomeserverOperation,
    readonly status: number,
    readonly errcode: string | null,
  ) {
    super(
      operation,
      `the homeserver refused the shared secret (HTTP ${status}${errcode ? ` ${errcode}` : ''}); ` +
        `matrix.secret must equal the homeserver's matrix_authentication_service.secret`,
    );
  }
}

/**
 * 404 `M_NOT_FOUND`: the user does not exist on the homeserver (or, for a device call, the
 * device does not).
 */
export class HomeserverNotFound extends HomeserverError {
  readonly code = 'homeserver_not_found';
  readonly transient = false;

  constructor(operation: HomeserverOperation, detail: string) {
    super(operation, detail);
  }
}

/** Why the homeserver will not give a localpart out. */
export type LocalpartUnavailableReason =
  /** `M_INVALID_USERNAME`: not a valid Matrix localpart for this homeserver. */
  | 'invalid_username'
  /** `M_USER_IN_USE`: an account already has it. */
  | 'user_in_use'
  /** `M_EXCLUSIVE`: an application service reserved it. */
  | 'exclusive'
  /** Not ASCII: rejected locally, as Synapse would answer `M_UNKNOWN` (MAS does the same). */
  | 'not_ascii';

/** 400 `M_INVALID_USERNAME`, `M_USER_IN_USE` or `M_EXCLUSIVE`: the localpart cannot be used. */
export class LocalpartUnavailable extends HomeserverError {
  readonly code = 'localpart_unavailable';
  readonly transient = false;

  constructor(
    operation: HomeserverOperation,
    readonly reason: LocalpartUnavailableReason,
    detail: string,
  ) {
    super(operation, detail);
  }
}

/**
 * Any other answer: an unexpected status (5xx, 3xx, 400 of another kind, 404 without
 * `M_NOT_FOUND`, which is how a homeserver without the MAS API answers), a body that is not
 * the expected JSON, or a body over the size limit. 5xx and 429 are transient.
 */
export class HomeserverUnexpectedResponse extends HomeserverError {
  readonly code = 'homeserver_unexpected_response';

  constructor(
    operation: HomeserverOperation,
    readonly status: number,
    readonly errcode: string | null,
    detail: string,
  ) {
    super(operation, detail);
  }

  get transient(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}
