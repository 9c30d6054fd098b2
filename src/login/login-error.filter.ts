import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { webErrorKindOf, WebPages } from '../web-session';

type LoggedRequest = Request & { id?: string; log?: Logger };

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
    const kind = webErrorKindOf(error);
    if (kind === 'server_error') req.log?.error({ err: error }, 'unhandled error');
    this.pages.sendError(req, res, kind, kind === 'server_error' ? req.id : undefined);
  }
}
