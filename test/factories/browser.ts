import assert from 'node:assert/strict';
import type { Response } from 'supertest';

/** The `mas-session=…` pair of a response's Set-Cookie, or undefined. */
export function sessionCookie(res: Response): string | undefined {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith('mas-session='))?.split(';')[0];
}

/** The CSRF token of a rendered form. */
export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, 'the page has a CSRF field');
  return m[1];
}
