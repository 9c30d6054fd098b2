import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebPages } from '../web-session';

/** Every error on the account surface becomes an HTML error page (never JSON, never a stack). */
@Catch()
export class AccountErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: WebPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.pages.sendFailure(http.getRequest<Request>(), http.getResponse<Response>(), error);
  }
}
