import assert from 'node:assert/strict';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repositoryRoot } from './synapse';

/** The reverse proxies the suite runs in front of Synapse and mas-ts (Debian's packages). */
export type ReverseProxyKind = 'nginx' | 'caddy';

export const REVERSE_PROXY_KINDS: readonly ReverseProxyKind[] = ['nginx', 'caddy'];

/**
 * mas-ts YAML that trusts `X-Forwarded-For` from the proxy's address only (the default trusts
 * all of 127.0.0.0/8), so a client calling from {@link PROXY_CLIENT_ADDRESS} is seen as such.
 */
export const TRUST_PROXY_CONFIG = 'http:\n  trusted_proxies: ["127.0.0.1/32"]\n';

/**
 * A loopback address other than the proxy's 127.0.0.1 for the client side of a test (Linux
 * routes all of 127.0.0.0/8 to `lo`): the upstream then tells the client's address from the
 * proxy's.
 */
export const PROXY_CLIENT_ADDRESS = '127.0.0.2';

interface KindFacts {
  /** Debian's path of the binary. */
  binary: string;
  /** The environment variable naming another binary. */
  pathVariable: string;
  /** The script installing the package (CI runs it). */
  installScript: string;
  /** The routing template in the repository. */
  template: string;
}

const KINDS: Record<ReverseProxyKind, KindFacts> = {
  nginx: {
    binary: '/usr/sbin/nginx',
    pathVariable: 'NGINX_PATH',
    installScript: 'test/proxy/install-nginx.sh',
    template: 'test/proxy/nginx-matrix.conf.template',
  },
  caddy: {
    binary: '/usr/bin/caddy',
    pathVariable: 'CADDY_PATH',
    installScript: 'test/proxy/install-caddy.sh',
    template: 'test/proxy/caddy-matrix.Caddyfile.template',
  },
};

/** The routing template of `kind`, as kept in the repository. */
export function reverseProxyTemplate(kind: ReverseProxyKind): string {
  return readFileSync(join(repositoryRoot(), KINDS[kind].template), 'utf8');
}

/** `NGINX_PATH` / `CADDY_PATH`, else Debian's binary. */
export function reverseProxyBinary(kind: ReverseProxyKind): string {
  const configured = process.env[KINDS[kind].pathVariable];
  return configured && configured.length > 0 ? configured : KINDS[kind].binary;
}

/** Whether `kind` can run here, or why not (naming its install script). */
export function reverseProxyAvailable(
  kind: ReverseProxyKind = 'nginx',
): { ok: true } | { ok: false; reason: string } {
  const binary = reverseProxyBinary(kind);
  try {
    accessSync(binary, constants.X_OK);
    return { ok: true };
  } catch {
    const facts = KINDS[kind];
    return {
      ok: false,
      reason: `no ${kind} at ${binary}: run ${facts.installScript} (as root or with sudo), or set ${facts.pathVariable}`,
    };
  }
}

function onCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * `describe` for a suite that runs a real `kind` proxy. Without it on a developer's machine the
 * suite is skipped with the reason; in CI (`CI` set) it is replaced by one failing test naming
 * the install script, so a CI that lacks the proxy cannot pass.
 */
export function describeWithReverseProxy(
  kind: ReverseProxyKind,
  name: string,
  fn: () => void,
): void {
  const available = reverseProxyAvailable(kind);
  if (available.ok) {
    void describe(name, fn);
  } else if (!onCi()) {
    void describe(name, { skip: available.reason }, fn);
  } else {
    void describe(name, () => {
      void it(`should find ${kind} to run the reverse-proxy tests with`, () => {
        assert.fail(available.reason);
      });
    });
  }
}

/**
 * Fills the `__NAME__` placeholders of `template` with `values`. Throws when the template names
 * a placeholder without a value, or a value has no placeholder, so the two cannot drift.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const used = new Set<string>();
  const filled = template.replace(/__([A-Z](?:[A-Z_]*[A-Z])?)__/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the placeholder __${name}__`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`the template has no placeholder ${unused.join(', ')}`);
  return filled;
}

/** `url` as the origin of a loopback HTTP upstream (`http://127.0.0.1:<port>`), or throws. */
export function loopbackUpstream(what: string, url: string): string {
  const parsed = new URL(url);
  const loopback = /^127(\.\d{1,3}){3}$/.test(parsed.hostname) || parsed.hostname === '[::1]';
  if (parsed.protocol !== 'http:' || !loopback || parsed.port === '') {
    throw new Error(`${what} must be http://127.0.0.1:<port>, not ${url}`);
  }
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    // nginx takes no URI in proxy_pass inside a regex location; the paths pass unchanged.
    throw new Error(`${what} must be an origin without a path, not ${url}`);
  }
  return parsed.origin;
}
