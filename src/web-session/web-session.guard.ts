import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { TemplateRenderer } from '../templates';
import { BrowserSessions } from './browser-sessions.service';
import { CsrfTokens } from './csrf-tokens.service';
import { SessionCookieCodec } from './session-cookie';
import { WebContext } from './web-context';
import { NotAFormError } from './web-session.errors';

const WEB_CONTEXT = Symbol('mas.web-context');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const NO_FORM_STATE = 'mas:web-session:no-form-state';

type WithWebContext = Request & { [WEB_CONTEXT]?: WebContext };

function isFormEncoded(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/x-www-form-urlencoded';
}

/**
 * Marks a POST route that is not a form of ours and changes nothing a third-party site could
 * abuse, so it carries no CSRF token: only the authorization endpoint, which OIDC Core
 * §3.1.2.1 requires to accept POST from any relying party.
 */
export const AcceptsForeignPost = () => SetMetadata(NO_FORM_STATE, true);

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
    private readonly reflector: Reflector,
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
    const foreignPost = this.reflector.getAllAndOverride<boolean | undefined>(NO_FORM_STATE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!SAFE_METHODS.has(req.method)) {
      // Our pages only post HTML forms; a JSON or text body is never read as one.
      if (!isFormEncoded(req.headers['content-type'])) throw new NotAFormError();
      const body = req.body as Record<string, unknown> | undefined;
      if (!foreignPost) this.csrf.check(web, body?.csrf);
    }
    return true;
  }
}
