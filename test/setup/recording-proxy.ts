import { request, type IncomingHttpHeaders } from 'node:http';
import { startLoopbackServer } from './loopback-server';

/** One request that passed through the proxy. */
export interface ProxiedRequest {
  method: string;
  /** The path and query, as received. */
  path: string;
}

/** A loopback HTTP proxy in front of one server, remembering what passed through it. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>/`: give this to the caller instead of the target. */
  url: string;
  /** Every request so far, in arrival order. */
  requests: ProxiedRequest[];
  /** How many requests so far had this method and path (without the query). */
  count(method: string, pathname: string): number;
  /** Points the proxy at another `http://127.0.0.1:<port>` origin from now on. */
  setTarget(target: string): void;
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) are the proxy's own, never forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'];

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers };
  for (const name of HOP_BY_HOP) delete out[name];
  return out;
}

/**
 * Starts a proxy on 127.0.0.1 that forwards every request unchanged to `target` (an
 * `http://127.0.0.1:<port>` origin) and streams the answer back. A tester puts it between
 * Synapse and mas-ts to see which calls Synapse made, e.g. whether it introspected a token again
 * or answered from its cache; or between mas-ts and Synapse, so mas-ts's `matrix.endpoint` can be
 * a port bound before Synapse's is known ({@link startSynapse} picks Synapse's own and retries it
 * when another process took it). A target that is not set yet or cannot be reached gives 502.
 */
export async function startRecordingProxy(target: string | null): Promise<RecordingProxy> {
  let upstream = target === null ? null : new URL(target);
  const requests: ProxiedRequest[] = [];
  const server = await startLoopbackServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    if (upstream === null) {
      res.writeHead(502);
      res.end();
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: forwardable(req.headers),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  return {
    url: `${server.origin}/`,
    requests,
    count: (method, pathname) =>
      requests.filter((r) => r.method === method && r.path.split('?')[0] === pathname).length,
    setTarget: (next) => {
      upstream = new URL(next);
    },
    close: () => server.close(),
  };
}
