import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { TemplateRenderer } from '../templates';
import { BrowserSessions } from './browser-sessions.service';
import { CsrfTokens } from './csrf-tokens.service';
import { SessionCookieCodec } from './session-cookie';
import { WebContext } from './web-context';

const WEB_CONTEXT = Symbol('mas.web-context');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type WithWebContext = Request & { [WEB_CONTEXT]?: WebContext };

/** The context {@link WebSessionGuard} attached to the request, if it ran. */
export function webContextOf(req: Request): WebContext | undefined {
  return (req as WithWebContext)[WEB_CONTEXT];
}

/**
 * Resolves the browser's locale, session cookie and signed-in session for every human page,
 * and refuses any unsafe method (POST, ...) whose form lacks the cookie's CSRF token, so no
 * handler can forget the check (OWASP CSRF cheat sheet; MAS verifies every form).
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly codec: SessionCookieCodec,
    private readonly sessions: BrowserSessions,
    private readonly csrf: CsrfTokens,
    private readonly renderer: TemplateRenderer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WithWebContext>();
    const cookie = this.codec.read(req.headers.cookie);
    const web = new WebContext(
      this.renderer.negotiate(req.headers['accept-language']),
      req.ip ?? null,
      req.headers['user-agent'] ?? null,
      cookie,
      await this.sessions.resolve(cookie.sessionId),
    );
    req[WEB_CONTEXT] = web;
    if (!SAFE_METHODS.has(req.method)) {
      const body = req.body as Record<string, unknown> | undefined;
      this.csrf.check(web, body?.csrf);
    }
    return true;
  }
}
