import { startLoopbackServer } from './loopback-server';
import { within } from './test-browser';

/** A stand-in for an OAuth client's `redirect_uri`: records where browsers were sent. */
export interface RedirectTarget {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** A URL on this target to register as `redirect_uri` (default path `/callback`). */
  url(path?: string): string;
  /** Every URL browsers were sent to here, in order, with their query (code, state, error). */
  readonly urls: readonly URL[];
  /** The first such URL, waiting for it (bounded). */
  first(): Promise<URL>;
  close(): Promise<void>;
}

/**
 * Starts a loopback server that answers every request with a small "redirect captured" page
 * and records its URL. A browser follows a redirect to it like to any client; the test then
 * reads the code or error. (Playwright's `page.route` cannot stand in: it never sees the
 * target of a redirect, only the first request.)
 */
export async function startRedirectTarget(): Promise<RedirectTarget> {
  const urls: URL[] = [];
  let arrived: (url: URL) => void = () => {};
  const firstUrl = new Promise<URL>((resolve) => (arrived = resolve));
  const server = await startLoopbackServer((req, res) => {
    const url = new URL(req.url ?? '/', server.origin);
    if (url.pathname === '/favicon.ico') {
      res.statusCode = 404;
      res.end();
      return;
    }
    urls.push(url);
    arrived(url);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end('<!doctype html><title>redirect captured</title><p>redirect captured</p>');
  });
  return {
    origin: server.origin,
    url: (path = '/callback') => new URL(path, server.origin).toString(),
    urls,
    first: () => within(firstUrl, `a request to the redirect target ${server.origin}`),
    close: () => server.close(),
  };
}
