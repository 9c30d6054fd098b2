import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers on every response: no framing (RFC 9700 §4.16 clickjacking; CSP
 * `frame-ancestors 'none'` plus the legacy `X-Frame-Options`), no MIME sniffing, and no
 * referrer leaking codes or state from our URLs.
 */
export function setSecurityHeaders(_req: IncomingMessage, res: ServerResponse, next: () => void) {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}
