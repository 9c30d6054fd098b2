import { generateConfig } from '../../src/config';
import { normalisePrefix } from '../../src/http/listener-dispatch';
import { startLoopbackServer } from './loopback-server';
import { createTestConfig } from './test-config';
import { startTestApp, type TestApp } from './test-app';

/** The whole application behind a real loopback socket, for a real browser. */
export interface BrowserTestApp extends TestApp {
  /** `http.public_base` (and `http.issuer`): `http://127.0.0.1:<port>/`, plus the prefix. */
  baseUrl: string;
  /** An absolute URL of the app: `url('/login')` is `<baseUrl>login`. */
  url(path: string): string;
}

export interface BrowserTestAppOptions {
  /** YAML merged over the test config (before `public_base` and `issuer` are set). */
  extraConfig?: string;
  /** The listener of the config served on the socket (default: the first one, `web`). */
  listener?: string;
}

function publicBaseYaml(base: string): string {
  return `http:\n  public_base: "${base}"\n  issuer: "${base}"\n`;
}

/**
 * Starts the application on a fresh database behind `http://127.0.0.1:<port>/`. The socket
 * listens first (port 0), because the app builds absolute URLs and redirects from
 * `http.public_base`: the config is written with the port actually bound, then the app's
 * handler for `listener` is attached. A listener `prefix` becomes the path of `public_base`.
 * `close()` stops the socket, the app and drops the database.
 */
export async function createBrowserTestApp(
  options: BrowserTestAppOptions = {},
): Promise<BrowserTestApp> {
  let app: TestApp | undefined;
  const server = await startLoopbackServer((req, res) => {
    if (!app) {
      res.statusCode = 503;
      res.end('starting');
      return;
    }
    app.handler(options.listener)(req, res);
  });
  try {
    const secrets = generateConfig();
    const extra = options.extraConfig ?? '';
    let baseUrl = `${server.origin}/`;
    let config = await createTestConfig([extra, publicBaseYaml(baseUrl)], secrets);
    const listener = options.listener
      ? config.http.listeners.find((l) => l.name === options.listener)
      : config.http.listeners[0];
    if (!listener) throw new Error(`no listener named ${options.listener}`);
    const prefix = normalisePrefix(listener.prefix);
    if (prefix !== '') {
      baseUrl = `${server.origin}${prefix}/`;
      config = await createTestConfig([extra, publicBaseYaml(baseUrl)], secrets);
    }
    app = await startTestApp(config);
    const started = app;
    return {
      ...started,
      baseUrl,
      url: (path: string) => new URL(path.replace(/^\/+/, ''), baseUrl).toString(),
      close: async () => {
        await server.close();
        await started.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
