/** What a homeserver answered: the status and the parsed JSON body (null when not JSON). */
export interface MatrixAnswer {
  status: number;
  body: Record<string, unknown> | null;
  /** `body.errcode` when the answer is a Matrix error (`{errcode, error}`). */
  errcode: string | undefined;
}

/**
 * `GET {baseUrl}{path}` on a homeserver with `Authorization: Bearer <accessToken>`, as a Matrix
 * client sends it (Client-Server API §"Using access tokens"), without throwing on errors.
 */
export async function matrixGet(
  baseUrl: string,
  path: string,
  accessToken: string,
): Promise<MatrixAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  const errcode = typeof body?.errcode === 'string' ? body.errcode : undefined;
  return { status: res.status, body, errcode };
}

/** `GET /_matrix/client/v3/account/whoami` with the token. */
export function whoami(baseUrl: string, accessToken: string): Promise<MatrixAnswer> {
  return matrixGet(baseUrl, '/_matrix/client/v3/account/whoami', accessToken);
}
