import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { UserIdNotFound } from '../../users/user-errors';
import { page, redirect, webContextOf, WebPages, type WebResult } from '../../web-session';
import { AdminPageNotFound, AdminPageRefused } from './admin-pages.errors';

function refusal(error: AdminPageRefused): WebResult {
  switch (error.reason) {
    case 'sign_in':
      return redirect(`/login?${new URLSearchParams({ next: error.next }).toString()}`);
    case 'reauthenticate':
      return redirect(
        `/login?${new URLSearchParams({ next: error.next, reauth: '1' }).toString()}`,
      );
    case 'forbidden':
      return page('admin-forbidden.njk', {}, 403);
  }
}

/**
 * The admin pages' errors as HTML: a refusal is the login redirect or the readable 403 page,
 * an unknown user/session/token the 404 page, anything else what every human page shows.
 */
@Catch()
export class AdminPagesFilter implements ExceptionFilter {
  constructor(private readonly pages: WebPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const web = webContextOf(req);
    if (error instanceof AdminPageRefused && web) {
      this.pages.send(res, web, refusal(error));
      return;
    }
    if (error instanceof AdminPageNotFound || error instanceof UserIdNotFound) {
      this.pages.sendError(req, res, 'not_found');
      return;
    }
    this.pages.sendFailure(req, res, error);
  }
}
