import { Injectable } from '@nestjs/common';
import { Clock, Rng } from '../core';
import { refreshCsrf, verifyCsrf } from './csrf';
import { CsrfError } from './web-session.errors';
import type { WebContext } from './web-context';

/** CSRF tokens bound to the session cookie: issued on every form render, checked on POST. */
@Injectable()
export class CsrfTokens {
  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /** The token to put in a form; extends its lifetime to 1 h (MAS axum-utils csrf.rs). */
  issue(web: WebContext): string {
    const csrf = refreshCsrf(web.csrf, this.clock.now(), this.rng);
    web.setCsrf(csrf);
    return csrf.token;
  }

  /** Throws {@link CsrfError} unless `submitted` is the cookie's unexpired token. */
  check(web: WebContext, submitted: unknown): void {
    if (!verifyCsrf(web.csrf, submitted, this.clock.now())) throw new CsrfError();
  }
}
