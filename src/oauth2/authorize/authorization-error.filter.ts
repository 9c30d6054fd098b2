import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { page, WebPages, webContextOf, type WebResult } from '../../web-session';
import {
  AuthorizationRedirectError,
  StaleAuthorizationRequest,
  UnsafeAuthorizationRequest,
} from './authorization-errors';
import { AuthorizationResponder } from './authorization-responder';

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
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const web = webContextOf(req);
    const result = web && !res.headersSent ? this.answerFor(error) : null;
    if (web && result) this.pages.send(res, web, result);
    else this.pages.sendFailure(req, res, error);
  }

  /** The page or redirect an authorization error deserves; null for any other error. */
  private answerFor(error: unknown): WebResult | null {
    if (error instanceof AuthorizationRedirectError) {
      return this.responder.error(error.target, error.error, error.description);
    }
    if (error instanceof UnsafeAuthorizationRequest) {
      return page('authorization-error.njk', { reason: error.reason }, 400);
    }
    if (error instanceof StaleAuthorizationRequest) {
      const status = error.reason === 'not_found' ? 404 : 400;
      return page('authorization-stale.njk', { reason: error.reason }, status);
    }
    return null;
  }
}
