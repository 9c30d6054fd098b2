import type { TemplateContext } from '../templates';

/** What a human page handler answers: a rendered view or a 303 redirect. */
export type WebResult =
  | {
      kind: 'page';
      view: string;
      status: number;
      context: TemplateContext;
      /** Extra response headers, e.g. `Retry-After` on a 429. */
      headers: Readonly<Record<string, string>>;
    }
  | { kind: 'redirect'; path: string }
  | { kind: 'external'; url: string };

/** Renders `view` with the common page values plus `context`. */
export function page(
  view: string,
  context: TemplateContext = {},
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): WebResult {
  return { kind: 'page', view, status, context, headers };
}

/**
 * A `303 See Other` to `path`, a path on this service (`/login`, or a value checked by
 * `safeNext`); it is resolved under `public_base`, so a listener prefix is kept.
 */
export function redirect(path: string): WebResult {
  return { kind: 'redirect', path };
}

/**
 * A `303 See Other` to a URL outside this service. Only for a client's redirect URI that was
 * verified against its registration (RFC 6749 §3.1.2, RFC 9700 §4.11: no open redirects).
 */
export function externalRedirect(url: string): WebResult {
  return { kind: 'external', url };
}
