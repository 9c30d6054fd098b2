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

/**
 * A `fetch` whose requests leave from `localAddress` (through {@link loopbackRequest}), for a
 * client library that takes a fetch function (matrix-js-sdk's `fetchFn`). String bodies only.
 */
export function fetchFrom(localAddress: string): typeof fetch {
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new Error('fetchFrom sends string bodies only');
    }
    const answer = await loopbackRequest(url, {
      method: init.method,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body ?? undefined,
      localAddress,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of [value ?? []].flat()) headers.append(name, one);
    }
    const empty = answer.status === 204 || answer.status === 304;
    return new Response(empty ? null : answer.body, { status: answer.status, headers });
  };
}
