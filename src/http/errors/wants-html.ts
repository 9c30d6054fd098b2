import type { IncomingMessage } from 'node:http';

/** True when the client prefers an HTML page (a browser) over JSON. */
export function wantsHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/json');
}
