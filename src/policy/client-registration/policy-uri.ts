/** The parts of a URI as MAS's `client_registration` policy sees them (`parse_uri`). */
export interface PolicyUri {
  scheme: string;
  /** Host and port, empty when the URI has no `//` authority (private-use schemes). */
  authority: string;
  host: string;
  port: string;
  path: string;
  query: string;
}

/**
 * MAS's deliberately strict URI grammar: lowercase DNS labels or one of the loopback literals,
 * path characters `[A-Za-z0-9/._~-]`, a limited query alphabet. Anything else does not parse,
 * and the policy then refuses it.
 */
const POLICY_URI =
  /^([a-z][a-z0-9+.-]*):(?:\/\/(((?:(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::([0-9]+))?))?(\/[A-Za-z0-9/._~-]*)?(\?[-a-zA-Z0-9()@:%_+.~#?&/=]*)?$/;

/** Undefined when `uri` is absent or outside the grammar. */
export function parsePolicyUri(uri: string | undefined): PolicyUri | undefined {
  if (uri === undefined) return undefined;
  const m = POLICY_URI.exec(uri);
  if (!m) return undefined;
  return {
    scheme: m[1] ?? '',
    authority: m[2] ?? '',
    host: m[3] ?? '',
    port: m[4] ?? '',
    path: m[5] ?? '',
    query: m[6] ?? '',
  };
}

/** `sub` equals `host` or is a subdomain of it, label by label (MAS `is_subdomain`). */
export function isSubdomain(host: string, sub: string): boolean {
  const hostLabels = host.split('.').reverse();
  const subLabels = sub.split('.').reverse();
  return hostLabels.every((label, i) => subLabels[i] === label);
}

/**
 * A reverse-DNS private-use scheme (RFC 8252 §7.1) belongs to `host`: `com.example.app`
 * belongs to `example.com` (MAS `reverse_dns_match`).
 */
export function reverseDnsMatch(host: string, scheme: string): boolean {
  const hostLabels = host.split('.').reverse();
  const schemeLabels = scheme.split('.');
  return hostLabels.every((label, i) => schemeLabels[i] === label);
}
