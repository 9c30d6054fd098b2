import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { CsrfError, WebPages, type WebErrorKind } from '../web-session';

type LoggedRequest = Request & { id?: string; log?: Logger };

function kindOf(error: unknown): WebErrorKind {
  if (error instanceof CsrfError) return 'csrf';
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return 'not_found';
    if (status === 413) return 'too_large';
    if (status < 500) return 'bad_request';
  }
  return 'server_error';
}

/**
 * Every error on the login surface becomes a readable HTML page in the browser's language
 * (never JSON, never a stack): a CSRF failure is 403, unknown errors a 500 logged once with the
 * request id shown for support.
 */
@Catch()
export class LoginErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: WebPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<LoggedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const kind = kindOf(error);
    if (kind === 'server_error') req.log?.error({ err: error }, 'unhandled error');
    this.pages.sendError(req, res, kind, kind === 'server_error' ? req.id : undefined);
  }
}
