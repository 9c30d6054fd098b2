import { createHash } from 'node:crypto';
import { LOCALIZABLE_FIELDS, type ClientMetadata, type Localized } from './client-metadata';

/**
 * The metadata as a JSON object with localized variants flattened back to `field#tag`
 * (RFC 7591 §2.2) and every object's keys sorted, so equal registrations give equal strings.
 */
export function canonicalJson(metadata: ClientMetadata): string {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if ((LOCALIZABLE_FIELDS as readonly string[]).includes(key)) {
      const localized = value as Localized<string>;
      flat[key] = localized.value;
      for (const [tag, v] of localized.variants) flat[`${key}#${tag}`] = v;
    } else {
      flat[key] = value;
    }
  }
  return JSON.stringify(sortKeys(flat));
}

/** SHA-256 (hex) of {@link canonicalJson}: MAS `metadata_digest`, used to reuse public clients. */
export function metadataDigest(metadata: ClientMetadata): string {
  return createHash('sha256').update(canonicalJson(metadata), 'utf8').digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
