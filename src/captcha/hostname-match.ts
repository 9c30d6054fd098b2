function normalize(hostname: string): string {
  return hostname.replace(/\.+$/, '').toLowerCase();
}

/**
 * Whether the hostname a siteverify answer names is this site: the same host, or a parent
 * domain of it (hCaptcha may report only the registrable domain; MAS `hostname_matches_site`).
 */
export function hostnameMatchesSite(siteHostname: string, answerHostname: string): boolean {
  const site = normalize(siteHostname);
  const answer = normalize(answerHostname);
  if (answer === '') return false;
  return site === answer || site.endsWith(`.${answer}`);
}
