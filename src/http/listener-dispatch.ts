import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { attachListener, type ListenerContext } from './listener-context';

/** Normalises a listener `prefix` to `/a/b` form ('' for none). */
export function normalisePrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * The request handler of one listener: tags each request with its listener (so routes can be
 * limited to the listener's resources) and strips the listener's `prefix` before routing.
 * Paths outside the prefix answer 404 without reaching the application.
 */
export function listenerDispatch(
  app: RequestListener,
  listener: ListenerContext,
  prefix?: string,
): RequestListener {
  const base = normalisePrefix(prefix);
  return (req: IncomingMessage, res: ServerResponse) => {
    attachListener(req, listener);
    if (base !== '') {
      const url = req.url ?? '/';
      if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) {
        res.statusCode = 404;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ error: 'not_found', error_description: 'Not found' }));
        return;
      }
      const rest = url.slice(base.length);
      req.url = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
    }
    app(req, res);
  };
}
