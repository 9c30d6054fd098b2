/** How long one probe may take: connecting, sending and reading the answer. */
export const PROBE_TIMEOUT_MS = 5_000;

/** The most of an answer a probe reads. */
const MAX_BODY_CHARS = 64 * 1024;

/** What a probe saw: an answer, or why there was none. */
export type ProbeResult =
  { ok: true; status: number; body: string; json: unknown } | { ok: false; error: string };

/** One HTTP request of the doctor, bounded in time, never following a redirect. */
export async function probe(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<ProbeResult> {
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const body = (await res.text()).slice(0, MAX_BODY_CHARS);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { ok: true, status: res.status, body, json };
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${PROBE_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string' && message !== '') return message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The Matrix `errcode` of a JSON answer, if it has one. */
export function errcodeOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const errcode = (json as { errcode?: unknown }).errcode;
  return typeof errcode === 'string' ? errcode : undefined;
}
