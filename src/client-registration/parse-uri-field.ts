/**
 * Parses an absolute URI with the WHATWG URL parser and returns its serialisation, the
 * canonical form we store and compare (MAS does the same with the `url` crate). Undefined when
 * the string is not an absolute URI.
 */
export function canonicalUri(raw: string): string | undefined {
  if (!URL.canParse(raw)) return undefined;
  return new URL(raw).href;
}

/** The host of a canonical URI without IPv6 brackets; empty for URIs without authority. */
export function uriHost(uri: string): string {
  const hostname = new URL(uri).hostname;
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}
