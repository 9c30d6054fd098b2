import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { badJson, MatrixError } from './matrix-error';

/** The largest body the compat endpoints read; their requests are a few hundred bytes. */
export const MATRIX_BODY_LIMIT_BYTES = 64 * 1024;

/** Why the raw body of a Matrix request could not be read. */
type BodyProblem = 'too_large' | 'unreadable';

type MatrixRequest = Request & { matrixBodyProblem?: BodyProblem };

const readRaw = express.raw({ type: () => true, limit: MATRIX_BODY_LIMIT_BYTES });

/** Whether a request is for the Matrix client-server paths the compat layer answers. */
function isMatrixClientPath(path: string): boolean {
  return path.includes('/_matrix/client/');
}

/**
 * Express middleware, installed before the application's JSON and form parsers: a body sent to
 * a Matrix client-server path is read raw, so the compat layer decides how to parse it and
 * answers every problem the Matrix way (MAS compat/mod.rs) instead of the OAuth way. A read
 * failure is recorded, never thrown, for {@link MatrixJsonBody} to report.
 */
export function captureMatrixClientBody(req: Request, res: Response, next: NextFunction): void {
  if (!isMatrixClientPath(req.path)) {
    next();
    return;
  }
  readRaw(req, res, (error?: unknown) => {
    if (error) {
      const status = (error as { status?: unknown }).status;
      (req as MatrixRequest).matrixBodyProblem = status === 413 ? 'too_large' : 'unreadable';
    }
    next();
  });
}

/**
 * The JSON object of a Matrix request body (C-S spec "API standards"): a missing content type
 * is tolerated, another than `application/json` is `M_NOT_JSON`, as is text that is not JSON;
 * JSON that is not an object is `M_BAD_JSON`; a body over the limit is 413 `M_TOO_LARGE`.
 */
export function parseMatrixJsonBody(
  raw: unknown,
  contentType: string | undefined,
  problem: BodyProblem | undefined,
): Record<string, unknown> {
  if (problem === 'too_large') {
    throw new MatrixError(413, 'M_TOO_LARGE', 'Request body too large');
  }
  if (problem === 'unreadable') throw new MatrixError(400, 'M_NOT_JSON', 'Content not JSON.');
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && mediaType !== 'application/json') {
    throw new MatrixError(400, 'M_NOT_JSON', 'Content-Type must be application/json');
  }
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MatrixError(400, 'M_NOT_JSON', 'Content not JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badJson('The request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** The request's JSON object body, parsed by {@link parseMatrixJsonBody}. */
export const MatrixJsonBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Record<string, unknown> => {
    const req = ctx.switchToHttp().getRequest<MatrixRequest>();
    return parseMatrixJsonBody(req.body, req.headers['content-type'], req.matrixBodyProblem);
  },
);
