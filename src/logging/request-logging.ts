import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { ulid } from 'ulid';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A request id for correlating log lines: the caller's `X-Request-Id` when it is a plausible
 * id, otherwise a fresh ULID. It is echoed in the response's `X-Request-Id`.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : ulid();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** One JSON line per request with its id, method, path, status and duration. */
export function createRequestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdFor,
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        // Query strings can carry codes and tokens; only the path is logged.
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  });
}
