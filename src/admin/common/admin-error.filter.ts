import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AdminApiError } from './admin-error';

type LoggedRequest = Request & { log?: Logger };

function known(error: unknown): AdminApiError | null {
  if (error instanceof AdminApiError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return new AdminApiError(404, 'Not found');
    if (status === 405) return new AdminApiError(405, 'Method not allowed');
    if (status === 413) return new AdminApiError(413, 'Request body too large');
    if (status < 500) return new AdminApiError(status, 'Invalid request');
  }
  return null;
}

/**
 * Every error of the admin API answers `{"errors":[{"title": …}]}` with MAS's status; anything
 * unexpected is a 500 logged once, its internals never echoed.
 */
@Catch()
export class AdminErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<LoggedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    let found = known(error);
    if (!found) {
      req.log?.error({ err: error }, 'unhandled error');
      found = new AdminApiError(500, 'Internal server error');
    }
    res.status(found.status).json({ errors: found.titles.map((title) => ({ title })) });
  }
}
