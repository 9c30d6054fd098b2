import { parse } from 'tldts';
import type { ClientMetadata, Localized } from './client-metadata';
import { uriHost } from './parse-uri-field';
import type { RegistrationViolation } from './violation';

/**
 * True when `host` is itself a known public suffix (ICANN or private section of the Public
 * Suffix List: `com`, `co.uk`, `github.io`, also written `.com`). Hosts under an unknown suffix,
 * IP addresses and empty hosts (custom schemes) are not public suffixes.
 */
export function isPublicSuffix(host: string): boolean {
  if (host === '') return false;
  const info = parse(host, { allowPrivateDomains: true });
  if (info.isIp || info.publicSuffix === null) return false;
  if (!info.isIcann && !info.isPrivate) return false;
  return info.domain === null;
}

const LOCALIZED_URI_FIELDS = ['client_uri', 'logo_uri', 'policy_uri', 'tos_uri'] as const;

/**
 * MSC2966 / MAS: no client URI may point at a bare public suffix, since "same host or
 * subdomain" checks would then match every site under it. Every localized variant counts
 * (RFC 7591 §2.2); redirect URIs report as `redirect_uri`.
 */
export function publicSuffixViolations(m: ClientMetadata): RegistrationViolation[] {
  const out: RegistrationViolation[] = [];
  const bad = (uri: string) => isPublicSuffix(uriHost(uri));
  for (const field of LOCALIZED_URI_FIELDS) {
    const localized: Localized<string> | undefined = m[field];
    if (!localized) continue;
    if ([localized.value, ...localized.variants.map(([, v]) => v)].some(bad)) {
      out.push({ field, msg: `${field} is not using a valid domain` });
    }
  }
  if (m.initiate_login_uri !== undefined && bad(m.initiate_login_uri)) {
    out.push({
      field: 'initiate_login_uri',
      msg: 'initiate_login_uri is not using a valid domain',
    });
  }
  if ((m.redirect_uris ?? []).some(bad)) {
    out.push({ field: 'redirect_uris', msg: 'redirect_uri is not using a valid domain' });
  }
  return out;
}
