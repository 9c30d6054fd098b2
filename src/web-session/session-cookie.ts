import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { Encrypter } from '../core';
import type { CsrfState } from './csrf';

export const SESSION_COOKIE_NAME = 'mas-session';

/** Browsers cap cookie lifetimes at 400 days (RFC 6265bis §5.6.2); the session has no expiry. */
const COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

/** What the session cookie holds once decrypted. */
export interface SessionCookieState {
  /** The `user_sessions` row this browser is signed in with, if any. */
  sessionId: string | null;
  csrf: CsrfState | null;
  /**
   * The password registration this browser started and has not finished (MAS keeps these in
   * its `user-registration-sessions` cookie); only this browser may continue it.
   */
  registrationId?: string | null;
}

export const EMPTY_COOKIE_STATE: SessionCookieState = Object.freeze({
  sessionId: null,
  csrf: null,
});

interface WireFormat {
  v: 1;
  s: string | null;
  c: string | null;
  e: number | null;
  r?: string;
}

function isWireFormat(value: unknown): value is WireFormat {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Record<string, unknown>;
  const nullableString = (x: unknown) => x === null || typeof x === 'string';
  return (
    w.v === 1 &&
    nullableString(w.s) &&
    nullableString(w.c) &&
    (w.e === null || (typeof w.e === 'number' && Number.isFinite(w.e))) &&
    (w.c === null) === (w.e === null) &&
    (w.r === undefined || typeof w.r === 'string')
  );
}

/**
 * The browser session cookie: AES-256-GCM ciphertext (secrets.encryption) of a small JSON
 * document, so its content is neither readable nor forgeable by the browser. Flags follow MAS:
 * `HttpOnly`, `SameSite=Lax`, `Path` = the path of `public_base`, `Secure` when it is https.
 */
export class SessionCookieCodec {
  private readonly secure: boolean;
  private readonly path: string;

  constructor(
    private readonly encrypter: Encrypter,
    publicBase: string,
  ) {
    const url = new URL(publicBase);
    this.secure = url.protocol === 'https:';
    this.path = url.pathname.replace(/\/+$/, '') || '/';
  }

  encode(state: SessionCookieState): string {
    const wire: WireFormat = {
      v: 1,
      s: state.sessionId,
      c: state.csrf?.token ?? null,
      e: state.csrf?.expiresAt ?? null,
      ...(state.registrationId ? { r: state.registrationId } : {}),
    };
    return this.encrypter.encrypt(JSON.stringify(wire));
  }

  /** The decrypted state, or null when the value is tampered, foreign or malformed. */
  decode(value: string): SessionCookieState | null {
    let wire: unknown;
    try {
      wire = JSON.parse(this.encrypter.decryptString(value));
    } catch {
      return null;
    }
    if (!isWireFormat(wire)) return null;
    return {
      sessionId: wire.s,
      csrf: wire.c !== null && wire.e !== null ? { token: wire.c, expiresAt: wire.e } : null,
      ...(wire.r !== undefined ? { registrationId: wire.r } : {}),
    };
  }

  /** The state carried by a `Cookie` request header; empty when absent or unreadable. */
  read(cookieHeader: string | undefined): SessionCookieState {
    if (!cookieHeader) return EMPTY_COOKIE_STATE;
    const value = parseCookies(cookieHeader)[SESSION_COOKIE_NAME];
    return (value && this.decode(value)) || EMPTY_COOKIE_STATE;
  }

  /** A `Set-Cookie` header value storing `state`. */
  serialize(state: SessionCookieState): string {
    return serializeCookie(SESSION_COOKIE_NAME, this.encode(state), {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: this.path,
      maxAge: COOKIE_MAX_AGE_S,
    });
  }

  /** A `Set-Cookie` header value that removes the cookie. */
  clear(): string {
    return serializeCookie(SESSION_COOKIE_NAME, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: this.path,
      maxAge: 0,
      expires: new Date(0),
    });
  }
}
