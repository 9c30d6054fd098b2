import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { page, WebPages, webContextOf, webErrorKindOf } from '../../web-session';
import {
  AuthorizationRedirectError,
  StaleAuthorizationRequest,
  UnsafeAuthorizationRequest,
} from './authorization-errors';
import { AuthorizationResponder } from './authorization-responder';

type LoggedRequest = Request & { id?: string; log?: Logger };

/**
 * Errors of the authorization and consent pages: an untrusted client or redirect URI gets a
 * readable page (never a redirect, RFC 6749 §4.1.2.1); other request errors go back to the
 * client's redirect URI; anything else is a generic error page, unknown errors logged once.
 */
@Catch()
export class AuthorizationErrorFilter implements ExceptionFilter {
  constructor(
    private readonly pages: WebPages,
    private readonly responder: AuthorizationResponder,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<LoggedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const web = webContextOf(req);
    if (web && error instanceof AuthorizationRedirectError) {
      this.pages.send(res, web, this.responder.error(error.target, error.error, error.description));
      return;
    }
    if (web && error instanceof UnsafeAuthorizationRequest) {
      this.pages.send(res, web, page('authorization-error.njk', { reason: error.reason }, 400));
      return;
    }
    if (web && error instanceof StaleAuthorizationRequest) {
      const status = error.reason === 'not_found' ? 404 : 400;
      this.pages.send(res, web, page('authorization-stale.njk', { reason: error.reason }, status));
      return;
    }
    const kind = webErrorKindOf(error);
    if (kind === 'server_error') req.log?.error({ err: error }, 'unhandled error');
    this.pages.sendError(req, res, kind, kind === 'server_error' ? req.id : undefined);
  }
}
