import { randomBytes } from 'node:crypto';
import { error, ok, warning, type CheckResult } from './check-result';
import { clientBase, type DoctorContext } from './doctor-context';
import { errcodeOf, probe } from './http-probe';

/** mas-ts reaches the homeserver at `matrix.endpoint` (C-S spec `GET /_matrix/client/versions`). */
export async function homeserverReachable(ctx: DoctorContext): Promise<CheckResult> {
  const url = `${ctx.endpoint}_matrix/client/versions`;
  const hint = 'set matrix.endpoint to the address mas-ts reaches the homeserver at';
  const answer = await probe(url);
  if (!answer.ok) return error(`the homeserver is not reachable at ${url} (${answer.error})`, hint);
  const versions = (answer.json as { versions?: unknown } | undefined)?.versions;
  if (answer.status !== 200 || !Array.isArray(versions)) {
    return error(`${url} answered ${answer.status}, not a homeserver's versions`, hint);
  }
  return ok(`the homeserver answers at ${ctx.endpoint}`);
}

/**
 * Clients find mas-ts through the homeserver's auth metadata (MSC2965:
 * `/_matrix/client/v1/auth_metadata`, or its unstable path on older Synapse).
 */
export async function authMetadataNamesUs(ctx: DoctorContext): Promise<CheckResult> {
  const base = clientBase(ctx);
  const paths = [
    '_matrix/client/v1/auth_metadata',
    '_matrix/client/unstable/org.matrix.msc2965/auth_metadata',
  ];
  for (const path of paths) {
    const answer = await probe(`${base}${path}`);
    if (!answer.ok) {
      return error(`could not ask the homeserver for its auth metadata (${answer.error})`);
    }
    if (answer.status === 404) continue;
    const issuer = (answer.json as { issuer?: unknown } | undefined)?.issuer;
    if (answer.status !== 200 || typeof issuer !== 'string') {
      return error(`${base}${path} answered ${answer.status}`);
    }
    if (issuer !== ctx.issuer) {
      return error(
        `the homeserver names the issuer ${issuer}, but mas-ts's is ${ctx.issuer}`,
        "make Synapse's matrix_authentication_service.endpoint (or msc3861.issuer) and " +
          "mas-ts's http.public_base / http.issuer name the same URL",
      );
    }
    return ok(`the homeserver sends clients to mas-ts (${base}${path})`);
  }
  return error(
    'the homeserver does not advertise an authentication service (MSC2965 auth_metadata)',
    'enable delegation in Synapse: matrix_authentication_service (or experimental_features.msc3861)',
  );
}

/** The homeserver refuses a made-up token, which needs it to reach mas-ts (introspection). */
export async function bogusTokenRefused(ctx: DoctorContext): Promise<CheckResult> {
  const url = `${ctx.endpoint}_matrix/client/v3/account/whoami`;
  const token = `mas_doctor_${randomBytes(16).toString('hex')}`;
  const answer = await probe(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!answer.ok) return error(`could not call ${url} (${answer.error})`);
  if (answer.status === 401) return ok('the homeserver refuses an unknown access token');
  if (answer.status < 400) {
    return error(`the homeserver accepted a made-up access token at ${url} (${answer.status})`);
  }
  if (answer.status >= 500) {
    return error(
      `the homeserver answered ${answer.status} for an unknown token: it probably cannot reach mas-ts`,
      "check Synapse's matrix_authentication_service.endpoint and Synapse's log",
    );
  }
  return warning(
    `the homeserver answered ${answer.status} ${errcodeOf(answer.json) ?? ''} for an unknown token`,
  );
}

/**
 * The homeserver accepts `matrix.secret`: on the MAS API of modern Synapse
 * (`/_synapse/mas/is_localpart_available`), or the admin API for `synapse_legacy`.
 */
export async function sharedSecretAccepted(ctx: DoctorContext): Promise<CheckResult> {
  const headers = { Authorization: `Bearer ${ctx.secret}` };
  const legacy = ctx.kind === 'synapse_legacy';
  const url = legacy
    ? `${ctx.endpoint}_synapse/admin/v1/background_updates/status`
    : `${ctx.endpoint}_synapse/mas/is_localpart_available?localpart=mas-doctor-${randomBytes(6).toString('hex')}`;
  const answer = await probe(url, { headers });
  if (!answer.ok) return error(`could not call ${url.split('?')[0]} (${answer.error})`);
  const errcode = errcodeOf(answer.json);
  const secretHint = legacy
    ? "make matrix.secret equal Synapse's experimental_features.msc3861.admin_token"
    : "make matrix.secret equal Synapse's matrix_authentication_service.secret";
  if (answer.status === 401 || answer.status === 403) {
    return error(
      `the homeserver refused matrix.secret (${answer.status} ${errcode ?? ''})`,
      secretHint,
    );
  }
  if (answer.status === 404 && !legacy) {
    return error(
      'the homeserver has no MAS API (/_synapse/mas/): delegation is off, or Synapse is older',
      'enable matrix_authentication_service in Synapse, or set matrix.kind: synapse_legacy for a Synapse configured with experimental_features.msc3861',
    );
  }
  const answeredLocalpart =
    answer.status === 200 ||
    (answer.status === 400 &&
      ['M_USER_IN_USE', 'M_INVALID_USERNAME', 'M_EXCLUSIVE'].includes(errcode ?? ''));
  if ((legacy && answer.status === 200) || (!legacy && answeredLocalpart)) {
    return ok('the homeserver accepts matrix.secret');
  }
  return error(`${url.split('?')[0]} answered ${answer.status} ${errcode ?? ''}`);
}
