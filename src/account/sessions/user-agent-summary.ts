/** A short, readable form of a User-Agent header: "Firefox 128 on Linux", "Element 1.11". */
export function userAgentSummary(userAgent: string | null): string | null {
  if (userAgent === null || userAgent.trim() === '') return null;
  const ua = userAgent.slice(0, 512);
  const client = clientOf(ua);
  const os = osOf(ua);
  if (client && os) return `${client} · ${os}`;
  return client ?? os ?? ua.slice(0, 60);
}

/** Products checked in order: the first match names the client (Edge says Chrome too). */
const CLIENTS: [RegExp, string][] = [
  [/\bElement(?:X)?\/(\d+(?:\.\d+)?)/, 'Element'],
  [/\bFluffyChat\/(\d+(?:\.\d+)?)/, 'FluffyChat'],
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/\bHeadlessChrome\/(\d+)/, 'Chrome'],
  [/\bChrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+(?:\.\d+)?).*\bSafari\//, 'Safari'],
  [/\bmatrix-js-sdk\/?(\d+(?:\.\d+)?)?/, 'matrix-js-sdk'],
  [/\bcurl\/(\d+(?:\.\d+)?)/, 'curl'],
];

function clientOf(ua: string): string | null {
  for (const [pattern, name] of CLIENTS) {
    const match = pattern.exec(ua);
    if (match) return match[1] ? `${name} ${match[1]}` : name;
  }
  return null;
}

function osOf(ua: string): string | null {
  if (/\b(iPhone|iPad|iPod)\b/.test(ua)) return 'iOS';
  if (/\bAndroid\b/.test(ua)) return 'Android';
  if (/\bWindows\b/.test(ua)) return 'Windows';
  if (/\bMac OS X\b|\bmacOS\b|\bMacintosh\b/.test(ua)) return 'macOS';
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bLinux\b|\bX11\b/.test(ua)) return 'Linux';
  return null;
}
