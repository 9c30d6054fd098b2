export { BrowserSessions } from './browser-sessions.service';
export { CSRF_TTL_MS, refreshCsrf, rotateCsrf, verifyCsrf, type CsrfState } from './csrf';
export { CsrfTokens } from './csrf-tokens.service';
export { safeNext, safeNextOrNull } from './safe-next';
export {
  EMPTY_COOKIE_STATE,
  SESSION_COOKIE_NAME,
  SessionCookieCodec,
  type SessionCookieState,
} from './session-cookie';
export { WebContext, type BrowserSession } from './web-context';
export { webErrorKindOf } from './web-error-kind';
export { WEB_ERRORS, WebPages, type WebErrorKind } from './web-pages.service';
export { externalRedirect, page, redirect, type WebResult } from './web-result';
export { CsrfError, NotAFormError } from './web-session.errors';
export { AcceptsForeignPost, WebSessionGuard, webContextOf } from './web-session.guard';
export { WebSessionModule } from './web-session.module';
export { UseWebSession, Web } from './web.decorators';
export { WebPageErrorFilter } from './web-page-error.filter';
