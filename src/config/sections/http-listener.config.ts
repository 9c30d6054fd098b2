import { Transform } from 'class-transformer';
import type { ConfigProblem } from '../config-error';
import { atMostOne, exactlyOne, isSet, type CrossChecked } from '../validation/cross-check';
import {
  Bool,
  Int,
  NestedList,
  Nested,
  OneOf,
  Opt,
  Rule,
  Str,
  isString,
} from '../validation/rules';
import { fileBytes, secretValue } from '../validation/secret-files';

/** Resource names a listener can serve (MAS `crates/config/src/sections/http.rs::Resource`). */
export const RESOURCE_NAMES = [
  'discovery',
  'human',
  'oauth',
  'compat',
  'graphql',
  'assets',
  'adminapi',
  'health',
  'prometheus',
  'connection-info',
] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** MAS default for `assets.path` in locally built binaries. */
export const DEFAULT_ASSETS_PATH = './frontend/dist/';

/** One entry of `http.listeners[].resources`; options only apply to the resource named. */
export class ResourceConfig {
  @OneOf(RESOURCE_NAMES)
  name!: ResourceName;

  /** `graphql`: serve the GraphQL playground. */
  @Opt() @Bool() playground?: boolean;

  /** `graphql`: who may introspect the schema. */
  @Opt() @OneOf(['public', 'authenticated_only']) introspection?: 'public' | 'authenticated_only';

  /** `graphql`: allow OAuth 2.0 clients (undocumented in MAS). */
  @Opt() @Bool() undocumented_oauth2_access?: boolean;

  /** `assets`: directory to serve on `/assets/`. */
  @Opt() @Str() path?: string;

  static of(name: ResourceName, options: Partial<ResourceConfig> = {}): ResourceConfig {
    return Object.assign(new ResourceConfig(), { name, ...options });
  }

  /** `assets.path` with MAS's default applied. */
  assetsPath(): string {
    return this.path ?? DEFAULT_ASSETS_PATH;
  }
}

const isMode = (v: unknown): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0o7777;

const isPortBind = (v: unknown): boolean =>
  isString(v) &&
  /^(\[[^\]]+\]|[^:[\]\s]*):\d{1,5}$/.test(v) &&
  Number(v.split(':').at(-1)) <= 65535;

/**
 * One entry of `http.listeners[].binds`: `address`, `host`+`port`, `socket`(+`mode`) or
 * `fd`(+`kind`), as in MAS docs/reference/configuration.md#httplisteners.
 */
export class BindConfig implements CrossChecked {
  @Opt() @Rule('address', isPortBind, 'must be host:port, e.g. "[::]:8080"') address?: string;
  @Opt() @Str() host?: string;
  @Opt() @Int(0, 65535) port?: number;
  @Opt() @Str() socket?: string;
  /**
   * Socket permissions: a string of octal digits such as "600" (converted to its value), or a
   * YAML integer taken as is (`0o600`).
   */
  @Opt()
  @Transform(({ value }: { value: unknown }) =>
    isString(value) && /^[0-7]{3,4}$/.test(value) ? parseInt(value, 8) : value,
  )
  @Rule('mode', isMode, 'must be an octal mode such as "600"')
  mode?: number;
  @Opt() @Int(0) fd?: number;
  @Opt() @OneOf(['tcp', 'unix']) kind?: 'tcp' | 'unix';

  static address(address: string): BindConfig {
    return Object.assign(new BindConfig(), { address });
  }

  static hostPort(host: string, port: number): BindConfig {
    return Object.assign(new BindConfig(), { host, port });
  }

  crossCheck(): ConfigProblem[] {
    const forms = ['address', 'port', 'socket', 'fd'].filter((k) => isSet(this, k));
    const problems: ConfigProblem[] = [];
    if (forms.length !== 1) {
      problems.push({
        path: '',
        message: 'exactly one of address, port, socket or fd must be set',
      });
    }
    if (isSet(this, 'host') && !isSet(this, 'port')) {
      problems.push({ path: 'port', message: 'is required when host is set' });
    }
    if (isSet(this, 'mode') && !isSet(this, 'socket')) {
      problems.push({ path: 'mode', message: 'only applies to socket binds' });
    }
    if (isSet(this, 'kind') && !isSet(this, 'fd')) {
      problems.push({ path: 'kind', message: 'only applies to fd binds' });
    }
    return problems;
  }
}

/** `http.listeners[].tls`. */
export class TlsConfig implements CrossChecked {
  @Opt() @Str() certificate?: string;
  @Opt() @Str() certificate_file?: string;
  @Opt() @Str() key?: string;
  @Opt() @Str() key_file?: string;
  @Opt() @Str() password?: string;
  @Opt() @Str() password_file?: string;

  crossCheck(): ConfigProblem[] {
    return [
      ...exactlyOne(this, 'certificate', 'certificate_file'),
      ...exactlyOne(this, 'key', 'key_file'),
      ...atMostOne(this, 'password', 'password_file'),
    ];
  }

  /** PEM certificate chain, inline or from `certificate_file`. */
  certificateValue(): string | undefined {
    return secretValue(this, 'certificate', 'certificate_file');
  }

  /** Private key bytes: inline PEM as UTF-8, or the raw `key_file` (PEM or DER). */
  keyValue(): Buffer | undefined {
    if (this.key !== undefined && this.key !== null) return Buffer.from(this.key, 'utf8');
    if (this.key_file === undefined || this.key_file === null) return undefined;
    return fileBytes(this, 'key_file');
  }

  passwordValue(): string | undefined {
    return secretValue(this, 'password', 'password_file');
  }
}

/** One entry of `http.listeners`. */
export class ListenerConfig implements CrossChecked {
  /** Name shown in logs and metrics. */
  @Opt() @Str() name?: string;

  @NestedList(() => ResourceConfig)
  resources: ResourceConfig[] = [];

  /** URL prefix under which every resource of this listener is mounted. */
  @Opt()
  @Rule('prefix', (v) => isString(v) && v.startsWith('/'), 'must start with /')
  prefix?: string;

  @NestedList(() => BindConfig)
  binds: BindConfig[] = [];

  /** Accept HAProxy's PROXY protocol v1. */
  @Bool() proxy_protocol: boolean = false;

  @Opt() @Nested(() => TlsConfig) tls?: TlsConfig;

  crossCheck(): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (Array.isArray(this.resources) && this.resources.length === 0) {
      problems.push({ path: 'resources', message: 'listener has no resources' });
    }
    if (Array.isArray(this.binds) && this.binds.length === 0) {
      problems.push({ path: 'binds', message: 'listener does not bind to any address' });
    }
    return problems;
  }

  /** True if this listener serves the named resource. */
  serves(name: ResourceName): boolean {
    return this.resources.some((r) => r.name === name);
  }
}
