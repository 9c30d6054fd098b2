const MAX_NEXT_LENGTH = 2048;

/**
 * `next` if it is a path on this service, otherwise null. Only `/path` forms pass: no
 * scheme-relative `//host`, no backslash (browsers read `/\host` as `//host`), no control
 * characters or spaces (URL parsers strip tab/newline, turning `/\t/host` into `//host`), and
 * the result must stay on the same origin when resolved. Blocks open redirects (RFC 9700 §4.11).
 */
export function safeNextOrNull(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_NEXT_LENGTH) return null;
  if (!next.startsWith('/') || next.startsWith('//')) return null;
  if (/[\\\s]/.test(next) || [...next].some((c) => c.charCodeAt(0) < 0x20 || c === '\x7f')) {
    return null;
  }
  const base = 'https://mas-ts.invalid';
  try {
    if (new URL(next, base).origin !== base) return null;
  } catch {
    return null;
  }
  return next;
}

/** `next` if it is a path on this service, otherwise `/`. */
export function safeNext(next: unknown): string {
  return safeNextOrNull(next) ?? '/';
}
