import { ok, warning, type CheckResult } from './check-result';
import type { DoctorContext } from './doctor-context';
import { probe } from './http-probe';

const EXAMPLE = '{"m.homeserver": {"base_url": "https://matrix.example.com"}}';

/**
 * The client well-known (Matrix C-S spec "Server Discovery") names the homeserver's client
 * URL; the later checks use it to look at the homeserver as clients do.
 */
export async function clientWellKnown(ctx: DoctorContext): Promise<CheckResult> {
  const url = ctx.wellKnownUrl;
  const hint = `serve ${EXAMPLE} there, or pass --well-known-url`;
  const answer = await probe(url);
  if (!answer.ok) {
    return warning(`could not fetch the client well-known at ${url} (${answer.error})`, hint);
  }
  if (answer.status !== 200) return warning(`${url} answered ${answer.status}`, hint);
  const homeserver = (answer.json as { 'm.homeserver'?: { base_url?: unknown } } | undefined)?.[
    'm.homeserver'
  ];
  const baseUrl = homeserver?.base_url;
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl)) {
    return warning(`${url} has no valid m.homeserver.base_url`, hint);
  }
  ctx.clientBaseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return ok(`the client well-known at ${url} names the homeserver at ${ctx.clientBaseUrl}`);
}
