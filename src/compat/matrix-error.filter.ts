import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { MatrixError } from './matrix-error';

type LoggedRequest = Request & { log?: Logger };

/** The Matrix wire form of an error (C-S spec "Standard error response"). */
function matrixErrorOf(error: unknown): MatrixError | null {
  if (error instanceof MatrixError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return new MatrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
    if (status === 405) return new MatrixError(405, 'M_UNRECOGNIZED', 'Unrecognized request');
    if (status === 413) return new MatrixError(413, 'M_TOO_LARGE', 'Request body too large');
    if (status < 500) return new MatrixError(status, 'M_UNKNOWN', 'The request is invalid');
  }
  return null;
}

/**
 * Every error on the compat paths answers as Matrix JSON, never HTML or an OAuth body: known
 * ones with their errcode, anything else as a 500 `M_UNKNOWN` logged once, internals never
 * echoed.
 */
@Catch()
export class MatrixErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<LoggedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    let known = matrixErrorOf(error);
    if (!known) {
      req.log?.error({ err: error }, 'unhandled error');
      known = new MatrixError(500, 'M_UNKNOWN', 'An internal error occurred');
    }
    const retryAfterMs = known.extra.retry_after_ms;
    if (typeof retryAfterMs === 'number') {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(known.status).json({ errcode: known.errcode, error: known.message, ...known.extra });
  }
}
