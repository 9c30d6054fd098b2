/**
 * A pragmatic check of an `addr-spec` (RFC 5322 §3.4.1) as typed by a person: one `@`, a
 * non-empty local part without spaces, a domain of dot-separated labels (RFC 1035 letters,
 * digits, hyphens, or Unicode for IDNs), at most 254 characters overall (RFC 5321 §4.5.3.1).
 * Quoted local parts and address literals are refused.
 */
const LOCAL = /^[^\s@"(),:;<>[\\\]]+$/u;
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;

/** True when `email` looks like a deliverable address. */
export function isValidEmail(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return false;
  }
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l));
}
