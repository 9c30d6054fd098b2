import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebPages } from './web-pages.service';

/**
 * Every error on a human page becomes a readable HTML page in the browser's language
 * (never JSON, never a stack): a CSRF failure is 403, unknown errors a 500 logged once with the
 * request id shown for support.
 */
@Catch()
export class WebPageErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: WebPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.pages.sendFailure(http.getRequest<Request>(), http.getResponse<Response>(), error);
  }
}
