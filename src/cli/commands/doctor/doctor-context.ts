import type { MasConfig } from '../../../config';

/** What the checks know of the deployment, from the configuration and earlier checks. */
export interface DoctorContext {
  /** `http.public_base`, ending with `/`. */
  publicBase: string;
  /** `http.issuer` (or the public base), ending with `/`. */
  issuer: string;
  /** `matrix.homeserver`, the server name. */
  serverName: string;
  /** `matrix.endpoint`, ending with `/`: where mas-ts reaches the homeserver. */
  endpoint: string;
  kind: MasConfig['matrix']['kind'];
  secret: string;
  /** The client well-known document to read (Matrix C-S spec, server discovery). */
  wellKnownUrl: string;
  /** The homeserver URL clients use, once the well-known check has found it. */
  clientBaseUrl?: string;
}

export function doctorContext(config: MasConfig, wellKnownUrl?: string): DoctorContext {
  return {
    publicBase: config.http.publicBaseUrl,
    issuer: config.http.issuerUrl,
    serverName: config.matrix.homeserver,
    endpoint: config.matrix.endpointUrl,
    kind: config.matrix.kind,
    secret: config.matrix.sharedSecret(),
    wellKnownUrl: wellKnownUrl ?? `https://${config.matrix.homeserver}/.well-known/matrix/client`,
  };
}

/** Where clients reach the homeserver: the well-known's base URL, else `matrix.endpoint`. */
export function clientBase(ctx: DoctorContext): string {
  return ctx.clientBaseUrl ?? ctx.endpoint;
}
