import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

/** The bound of one request: connecting, sending and reading the whole answer. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface LoopbackRequest {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string;
  /** The client's source address (default: the system's choice, 127.0.0.1). */
  localAddress?: string;
}

export interface LoopbackAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request to a loopback `url` on a fresh connection, from `localAddress` if given
 * (fetch cannot choose its source address), following no redirect.
 */
export function loopbackRequest(
  url: string,
  options: LoopbackRequest = {},
): Promise<LoopbackAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.once('error', reject);
      },
    );
    req.once('timeout', () =>
      req.destroy(new Error(`${url}: no answer within ${REQUEST_TIMEOUT_MS} ms`)),
    );
    req.once('error', reject);
    req.end(options.body);
  });
}
