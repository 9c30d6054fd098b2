import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AdminApiError, badRequest } from './admin-error';

/** The largest admin request body read; admin bodies are a few hundred bytes. */
export const ADMIN_BODY_LIMIT_BYTES = 64 * 1024;

const ADMIN_API_PREFIX = '/api/admin/';

type AdminRequest = Request & { adminBodyTooLarge?: boolean };

const readRaw = express.raw({ type: () => true, limit: ADMIN_BODY_LIMIT_BYTES });

/**
 * Express middleware, installed before the application's parsers: admin API bodies are read
 * raw so that every problem with them answers in the admin error shape (never Nest's or an
 * OAuth body).
 */
export function captureAdminApiBody(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith(ADMIN_API_PREFIX)) {
    next();
    return;
  }
  readRaw(req, res, (error?: unknown) => {
    if (error) (req as AdminRequest).adminBodyTooLarge = true;
    next();
  });
}

/** A JSON object body; `null` when the request has none and the body is optional. */
export type JsonObject = Record<string, unknown>;

/**
 * Parses the raw body as axum's `Json` extractor does (MAS admin handlers): a content type
 * other than `application/json` (or `+json`) is 415, text that is not JSON is 400, a JSON value
 * that is not an object is 422. With `optional`, a request without a body (or without a
 * content type, as axum's `Option<Json<_>>`) is null.
 */
export function parseAdminJson(
  raw: unknown,
  contentType: string | undefined,
  optional: boolean,
  tooLarge = false,
): JsonObject | null {
  if (tooLarge) throw new AdminApiError(413, 'Request body too large');
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (optional && (bytes.length === 0 || mediaType === undefined)) return null;
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw new AdminApiError(415, 'Expected request with `Content-Type: application/json`');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw badRequest(
      'Failed to parse the request body as JSON',
      error instanceof Error ? error.message : 'invalid JSON',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidBody('expected a JSON object');
  }
  return parsed as JsonObject;
}

/** MAS (axum `JsonDataError`, 422): the JSON does not have the expected shape. */
export function invalidBody(reason: string): AdminApiError {
  return new AdminApiError(422, 'Failed to deserialize the JSON body into the target type', reason);
}

/** The request's JSON object body (required). */
export const AdminJsonBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): JsonObject => {
    const req = ctx.switchToHttp().getRequest<AdminRequest>();
    return parseAdminJson(req.body, req.headers['content-type'], false, req.adminBodyTooLarge)!;
  },
);

/** The request's JSON object body, or an empty object when it has none. */
export const OptionalAdminJsonBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): JsonObject => {
    const req = ctx.switchToHttp().getRequest<AdminRequest>();
    return parseAdminJson(req.body, req.headers['content-type'], true, req.adminBodyTooLarge) ?? {};
  },
);
