import { ListOf, NestedList, Opt, Url, isIpOrCidr } from '../validation/rules';
import { BindConfig, ListenerConfig, ResourceConfig } from './http-listener.config';

/** MAS default `public_base` (crates/config/src/sections/http.rs). */
export const DEFAULT_PUBLIC_BASE = 'http://[::]:8080/';

/**
 * Private ranges plus loopback, MAS's documented default `trusted_proxies` (MAS's code has
 * `10.0.0.0/10`, a typo for the documented `/8`).
 */
export const DEFAULT_TRUSTED_PROXIES = [
  '192.168.0.0/16',
  '172.16.0.0/12',
  '10.0.0.0/8',
  '127.0.0.0/8',
  'fd00::/8',
  '::1/128',
];

/** MAS's default listeners: `web` on [::]:8080 and `internal` (health) on localhost:8081. */
export function defaultListeners(): ListenerConfig[] {
  const web = Object.assign(new ListenerConfig(), {
    name: 'web',
    resources: [
      ResourceConfig.of('discovery'),
      ResourceConfig.of('human'),
      ResourceConfig.of('oauth'),
      ResourceConfig.of('compat'),
      ResourceConfig.of('graphql'),
      ResourceConfig.of('assets'),
    ],
    binds: [BindConfig.address('[::]:8080')],
  });
  const internal = Object.assign(new ListenerConfig(), {
    name: 'internal',
    resources: [ResourceConfig.of('health')],
    binds: [BindConfig.hostPort('localhost', 8081)],
  });
  return [web, internal];
}

/** `http`: the web server (MAS docs/reference/configuration.md#http). */
export class HttpConfig {
  @NestedList(() => ListenerConfig)
  listeners: ListenerConfig[] = defaultListeners();

  /** Proxies allowed to set `X-Forwarded-For`. */
  @ListOf(isIpOrCidr, 'IP addresses or CIDR ranges')
  trusted_proxies: string[] = [...DEFAULT_TRUSTED_PROXIES];

  /** Public URL base used to build absolute URLs. */
  @Url() public_base: string = DEFAULT_PUBLIC_BASE;

  /** OIDC issuer; defaults to `public_base`. */
  @Opt() @Url() issuer?: string;

  /** `public_base`, ending with `/`. */
  get publicBaseUrl(): string {
    return withSlash(this.public_base);
  }

  /** `issuer` (or `public_base`), ending with `/`. */
  get issuerUrl(): string {
    return withSlash(this.issuer ?? this.public_base);
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
