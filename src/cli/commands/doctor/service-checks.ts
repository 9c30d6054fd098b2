import { error, ok, warning, type CheckResult } from './check-result';
import type { DoctorContext } from './doctor-context';
import { probe } from './http-probe';

/** Clients (Element X, matrix-js-sdk) refuse an issuer that is not https (MSC2965). */
export function issuerIsHttps(ctx: DoctorContext): Promise<CheckResult> {
  return Promise.resolve(
    ctx.issuer.startsWith('https://')
      ? ok(`the issuer ${ctx.issuer} is an https URL`)
      : warning(
          `the issuer ${ctx.issuer} is not an https URL: most Matrix clients will refuse it`,
          'set http.public_base (or http.issuer) to the https address clients reach mas-ts at',
        ),
  );
}

/** mas-ts answers its own discovery document at its public address (RFC 8414 §3). */
export async function discoveryServed(ctx: DoctorContext): Promise<CheckResult> {
  const url = `${ctx.publicBase}.well-known/openid-configuration`;
  const answer = await probe(url);
  const hint = 'is mas-ts running, and does http.public_base match the address it is reached at?';
  if (!answer.ok) return error(`mas-ts is not reachable at ${url} (${answer.error})`, hint);
  const issuer = (answer.json as { issuer?: unknown } | undefined)?.issuer;
  if (answer.status !== 200 || typeof issuer !== 'string') {
    return error(`${url} answered ${answer.status}, not mas-ts's discovery document`, hint);
  }
  if (issuer !== ctx.issuer) {
    return error(
      `${url} names the issuer ${issuer}, but this configuration's is ${ctx.issuer}`,
      'run the doctor with the configuration files the server uses',
    );
  }
  return ok(`mas-ts serves its discovery document at ${url}`);
}
