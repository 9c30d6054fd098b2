/** One `Accept-Language` entry (RFC 9110 §12.5.4): a language range and its weight. */
interface WeightedRange {
  range: string;
  q: number;
  order: number;
}

function parseAcceptLanguage(header: string): WeightedRange[] {
  const ranges: WeightedRange[] = [];
  for (const [order, part] of header.split(',').entries()) {
    const [rawRange, ...params] = part.trim().split(';');
    const range = rawRange.trim().toLowerCase();
    if (range === '' || !/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(range)) continue;
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(param);
      if (m) q = Math.min(1, Number(m[1]));
    }
    if (q > 0) ranges.push({ range, q, order });
  }
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order);
}

/**
 * Picks the best of `available` for an `Accept-Language` header (RFC 9110 §12.5.4, RFC 4647
 * lookup): ranges by weight, each tried exactly, then by its primary subtag, then against an
 * available regional variant of it. `*`, nothing acceptable or no header gives `fallback`.
 */
export function negotiateLocale(
  header: string | undefined,
  available: readonly string[],
  fallback = 'en',
): string {
  if (!header) return fallback;
  const byLower = new Map(available.map((tag) => [tag.toLowerCase(), tag]));
  for (const { range } of parseAcceptLanguage(header)) {
    if (range === '*') return fallback;
    const exact = byLower.get(range);
    if (exact) return exact;
    const primary = range.split('-')[0];
    const base = byLower.get(primary);
    if (base) return base;
    const variant = available.find((tag) => tag.toLowerCase().split('-')[0] === primary);
    if (variant) return variant;
  }
  return fallback;
}
