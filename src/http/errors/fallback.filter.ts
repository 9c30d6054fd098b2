import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { errorPage } from './html-page';
import { wantsHtml } from './wants-html';

type LoggedRequest = IncomingMessage & { id?: string; log?: Logger };

function send(req: LoggedRequest, res: ServerResponse, status: number, code: string, text: string) {
  if (wantsHtml(req)) {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(errorPage(status === 404 ? 'Page not found' : 'Something went wrong', text, req.id));
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ error: code, error_description: text }));
}

/**
 * The last resort for errors no surface filter claimed: unknown routes become 404 (HTML for
 * browsers, JSON otherwise), Nest's own HTTP errors keep their status, and anything else is a
 * `server_error` 500 logged once with its request id, internals never echoed.
 */
@Catch()
export class FallbackFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<LoggedRequest>();
    const res = host.switchToHttp().getResponse<ServerResponse>();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 404) return send(req, res, 404, 'not_found', 'There is nothing here.');
      if (status === 413) return send(req, res, 413, 'invalid_request', 'Request body too large.');
      if (status < 500) return send(req, res, status, 'invalid_request', 'The request is invalid.');
    }
    req.log?.error({ err: error }, 'unhandled error');
    send(req, res, 500, 'server_error', 'An internal error occurred.');
  }
}
