import { BodyTooLarge, readCappedBody } from '../core/http/read-capped-body';
import {
  HomeserverError,
  type HomeserverOperation,
  HomeserverNotFound,
  HomeserverUnauthorized,
  HomeserverUnexpectedResponse,
  HomeserverUnreachable,
  LocalpartUnavailable,
  type LocalpartUnavailableReason,
} from './homeserver-errors';

/** Every call is abandoned after this long unless the operation says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Deactivation can take minutes on a large account (MAS allows 5 minutes too). */
export const DEACTIVATION_TIMEOUT_MS = 300_000;
/**
 * Larger answers are refused. The largest answer read is the legacy device list (about 250 bytes
 * a device), so this leaves room for users with thousands of devices.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface SynapseHttpOptions {
  /** `matrix.endpoint`: the base URL every path is resolved against. */
  endpoint: string;
  /** `matrix.secret`, sent as `Authorization: Bearer`. */
  secret: string;
  /** Per call, over the whole exchange (connect, headers, body). */
  timeoutMs?: number;
  /** Per call for the slow operations (deactivation). */
  slowTimeoutMs?: number;
  maxResponseBytes?: number;
}

export interface SynapseRequest {
  operation: HomeserverOperation;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the endpoint, without a leading `/`, with path segments already encoded. */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Uses the slow-operation timeout. */
  slow?: boolean;
}

/** A 2xx answer. */
export interface SynapseAnswer {
  status: number;
  text: string;
}

/** The Matrix standard error body (Matrix client-server API, "Standard error response"). */
interface MatrixErrorBody {
  errcode: string | null;
  error: string | null;
}

const UNAVAILABLE_ERRCODES: Record<string, LocalpartUnavailableReason> = {
  M_INVALID_USERNAME: 'invalid_username',
  M_USER_IN_USE: 'user_in_use',
  M_EXCLUSIVE: 'exclusive',
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function matrixError(text: string): MatrixErrorBody {
  const parsed = parseJson(text);
  if (typeof parsed !== 'object' || parsed === null) return { errcode: null, error: null };
  const { errcode, error } = parsed as Record<string, unknown>;
  return {
    errcode: typeof errcode === 'string' ? errcode : null,
    error: typeof error === 'string' ? error : null,
  };
}

/** The network error code under node's `fetch failed` (ECONNREFUSED, ENOTFOUND ...), if any. */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return null;
}

/**
 * HTTP to the homeserver: `Authorization: Bearer <matrix.secret>` on every call (CONTRACTS §3),
 * JSON bodies, no redirects followed, a timeout over the whole exchange and a cap on the answer
 * size. Non-2xx answers become typed `HomeserverError`s whose messages never hold the secret.
 */
export class SynapseHttp {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly slowTimeoutMs: number;
  private readonly maxBytes: number;

  constructor(private readonly options: SynapseHttpOptions) {
    this.base = new URL(options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.slowTimeoutMs = options.slowTimeoutMs ?? DEACTIVATION_TIMEOUT_MS;
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** The endpoint without credentials, for messages. */
  private get where(): string {
    return `${this.base.origin}${this.base.pathname}`;
  }

  /** Performs the request; resolves with any 2xx answer, throws a HomeserverError otherwise. */
  async call(req: SynapseRequest): Promise<SynapseAnswer> {
    const url = new URL(req.path, this.base);
    for (const [key, value] of Object.entries(req.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.secret}`,
      accept: 'application/json',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = req.slow ? this.slowTimeoutMs : this.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);

    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        redirect: 'manual',
        signal,
      });
      status = response.status;
      text = await readCappedBody(response, this.maxBytes);
    } catch (cause) {
      if (cause instanceof BodyTooLarge) {
        throw new HomeserverUnexpectedResponse(
          req.operation,
          0,
          null,
          `the homeserver's answer is larger than ${this.maxBytes} bytes`,
        );
      }
      if (signal.aborted) {
        throw new HomeserverUnreachable(
          req.operation,
          true,
          `the homeserver at ${this.where} did not answer within ${timeoutMs} ms`,
          { cause },
        );
      }
      const code = networkCode(cause);
      throw new HomeserverUnreachable(
        req.operation,
        false,
        `could not reach the homeserver at ${this.where}${code ? ` (${code})` : ''}`,
        { cause },
      );
    }
    if (status >= 200 && status < 300) return { status, text };
    throw this.failure(req.operation, status, text);
  }

  private failure(operation: HomeserverOperation, status: number, text: string): HomeserverError {
    const { errcode, error } = matrixError(text);
    const said = this.redact(error);
    const answer = `HTTP ${status}${errcode ? ` ${errcode}` : ''}${said ? `: ${said}` : ''}`;
    if (status === 401 || status === 403) {
      return new HomeserverUnauthorized(operation, status, errcode);
    }
    if (status === 404 && errcode === 'M_NOT_FOUND') {
      return new HomeserverNotFound(operation, `not found on the homeserver (${answer})`);
    }
    const reason = status === 400 && errcode ? UNAVAILABLE_ERRCODES[errcode] : undefined;
    if (reason) {
      return new LocalpartUnavailable(operation, reason, `localpart unavailable (${answer})`);
    }
    if (status === 404 && errcode === 'M_UNRECOGNIZED') {
      return new HomeserverUnexpectedResponse(
        operation,
        status,
        errcode,
        `the homeserver does not serve this API (${answer}); check matrix.kind and the ` +
          `homeserver's version and matrix_authentication_service settings`,
      );
    }
    return new HomeserverUnexpectedResponse(
      operation,
      status,
      errcode,
      `unexpected answer from the homeserver (${answer})`,
    );
  }

  /** The homeserver's own error text, shortened, with the secret removed should it appear. */
  private redact(text: string | null): string | null {
    if (!text) return null;
    const secret = this.options.secret;
    const clean = secret ? text.split(secret).join('[secret]') : text;
    return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
  }
}

/** The answer's body as a JSON object, or HomeserverUnexpectedResponse. */
export function jsonObjectOf(
  operation: HomeserverOperation,
  answer: SynapseAnswer,
): Record<string, unknown> {
  const parsed = parseJson(answer.text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HomeserverUnexpectedResponse(
      operation,
      answer.status,
      null,
      'the homeserver did not answer with a JSON object',
    );
  }
  return parsed as Record<string, unknown>;
}

/** Throws HomeserverUnexpectedResponse unless the answer's status is one of `expected`. */
export function expectStatus(
  operation: HomeserverOperation,
  answer: SynapseAnswer,
  ...expected: number[]
): void {
  if (!expected.includes(answer.status)) {
    throw new HomeserverUnexpectedResponse(
      operation,
      answer.status,
      null,
      `unexpected answer from the homeserver (HTTP ${answer.status})`,
    );
  }
}
