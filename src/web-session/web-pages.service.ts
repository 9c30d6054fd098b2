import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { BrandingConfig } from '../config';
import { UrlBuilder } from '../http/url-builder';
import { TemplateRenderer, type TemplateContext } from '../templates';
import { CsrfTokens } from './csrf-tokens.service';
import { SessionCookieCodec } from './session-cookie';
import type { WebContext } from './web-context';
import { webErrorKindOf } from './web-error-kind';
import type { WebResult } from './web-result';
import { webContextOf } from './web-session.guard';

/** The error pages every human surface can show; the value is the HTTP status. */
export const WEB_ERRORS = {
  bad_request: 400,
  csrf: 403,
  not_found: 404,
  too_large: 413,
  server_error: 500,
} as const;

export type WebErrorKind = keyof typeof WEB_ERRORS;

/**
 * Writes human pages: renders views with the values every page shares (service name, URL
 * builder, a fresh CSRF token, the signed-in user), stores the session cookie when it changed,
 * and forbids caching of anything personal or carrying a token.
 */
@Injectable()
export class WebPages {
  private readonly serviceName: string;
  private readonly branding: {
    policy_uri: string | null;
    tos_uri: string | null;
    imprint: string | null;
  };

  constructor(
    private readonly renderer: TemplateRenderer,
    private readonly csrf: CsrfTokens,
    private readonly codec: SessionCookieCodec,
    private readonly urls: UrlBuilder,
    branding: BrandingConfig,
  ) {
    this.serviceName = branding.service_name ?? new URL(urls.publicBase).host;
    this.branding = {
      policy_uri: branding.policy_uri ?? null,
      tos_uri: branding.tos_uri ?? null,
      imprint: branding.imprint ?? null,
    };
  }

  /** Answers `result` for the browser described by `web`. */
  send(res: Response, web: WebContext, result: WebResult): void {
    if (result.kind === 'redirect' || result.kind === 'external') {
      this.writeCookie(res, web);
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, result.kind === 'redirect' ? this.urls.absolute(result.path) : result.url);
      return;
    }
    const context: TemplateContext = {
      ...this.common(web),
      csrf_token: this.csrf.issue(web),
      ...result.context,
    };
    const html = this.renderer.render(result.view, context, web.locale);
    this.writeCookie(res, web);
    for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
    this.writeHtml(res, result.status, html);
  }

  /**
   * The error page an unclaimed exception deserves (CSRF 403, 404, 413, 400, else 500); a 500
   * is logged once and shows the request id for support. A response already under way is cut.
   */
  sendFailure(req: Request, res: Response, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const kind = webErrorKindOf(error);
    const logged = req as Request & { id?: string | number; log?: Logger };
    if (kind === 'server_error') logged.log?.error({ err: error }, 'unhandled error');
    const requestId =
      kind === 'server_error' && logged.id !== undefined ? `${logged.id}` : undefined;
    this.sendError(req, res, kind, requestId);
  }

  /** An error page in the browser's language; it never shows internals or sets cookies. */
  sendError(req: Request, res: Response, kind: WebErrorKind, requestId?: string): void {
    const web = webContextOf(req);
    const locale = web?.locale ?? this.renderer.negotiate(req.headers['accept-language']);
    const t = this.renderer.translations.translator(locale);
    const context: TemplateContext = {
      ...this.common(web),
      error: { title: t(`errors.${kind}.title`), message: t(`errors.${kind}.message`) },
      request_id: requestId ?? null,
    };
    this.writeHtml(res, WEB_ERRORS[kind], this.renderer.render('error.njk', context, locale));
  }

  private common(web: WebContext | undefined): TemplateContext {
    return {
      service_name: this.serviceName,
      branding: this.branding,
      url: (path: string) => this.urls.absolute(path),
      current_user: web?.user
        ? { username: web.user.username, admin: web.user.canRequestAdmin }
        : null,
    };
  }

  private writeCookie(res: Response, web: WebContext): void {
    const pending = web.pendingCookie;
    if (pending === undefined) return;
    res.append('Set-Cookie', pending === null ? this.codec.clear() : this.codec.serialize(pending));
  }

  private writeHtml(res: Response, status: number, html: string): void {
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.send(html);
  }
}
