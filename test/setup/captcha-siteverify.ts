import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { CaptchaEndpoints } from '../../src/captcha';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

/** The secret key the loopback verifier accepts; any other is answered `invalid-input-secret`. */
export const SITEVERIFY_SECRET = 'sec-ret-0000-never-logged';

/** The hostname a successful answer names (the host of the test configs' public_base). */
export const SITEVERIFY_HOSTNAME = 'auth.example.test';

export interface SiteverifyCall {
  path: string;
  contentType: string | undefined;
  form: URLSearchParams;
}

export interface SiteverifyServer {
  server: LoopbackServer;
  /** Every call received, in order. */
  received: SiteverifyCall[];
}

/**
 * A loopback siteverify endpoint speaking the protocol of reCAPTCHA, hCaptcha and Turnstile (a
 * form-encoded POST of `secret`, `response`, `remoteip`; a JSON answer) on every path. It answers
 * by the `response` token: `ok` (success for SITEVERIFY_HOSTNAME), `ok-parent` (success for its
 * parent domain), `other-site`, `no-hostname`, `no` (refused with `timeout-or-duplicate`),
 * `garbage` (not JSON), `array`, `no-success`, `http-500`, `stall` (never answered); anything
 * else is refused.
 */
export async function startSiteverifyServer(): Promise<SiteverifyServer> {
  const received: SiteverifyCall[] = [];
  const reply = (res: ServerResponse, status: number, body: string) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(body);
  };
  const ok = (hostname: string) =>
    JSON.stringify({ success: true, hostname, challenge_ts: '2026-12-03T12:00:00Z' });
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], form });
      if (req.method !== 'POST' || form.get('secret') !== SITEVERIFY_SECRET) {
        reply(
          res,
          200,
          JSON.stringify({ success: false, 'error-codes': ['invalid-input-secret'] }),
        );
        return;
      }
      switch (form.get('response')) {
        case 'ok':
          return reply(res, 200, ok(SITEVERIFY_HOSTNAME));
        case 'ok-parent':
          return reply(res, 200, ok(SITEVERIFY_HOSTNAME.split('.').slice(1).join('.')));
        case 'other-site':
          return reply(res, 200, ok('evil.example'));
        case 'no-hostname':
          return reply(res, 200, JSON.stringify({ success: true }));
        case 'no':
          return reply(
            res,
            200,
            JSON.stringify({ success: false, 'error-codes': ['timeout-or-duplicate'] }),
          );
        case 'garbage':
          return reply(res, 200, '<html>not json');
        case 'array':
          return reply(res, 200, '[true]');
        case 'no-success':
          return reply(res, 200, JSON.stringify({ hostname: SITEVERIFY_HOSTNAME }));
        case 'http-500':
          return reply(res, 500, JSON.stringify({ success: true }));
        case 'stall':
          return; // never answered: the verifier must time out (close() drops it)
        default:
          return reply(res, 200, JSON.stringify({ success: false }));
      }
    });
  };
  return { server: await startLoopbackServer(handler), received };
}

/** Loopback siteverify URLs for every service, one path per service. */
export function loopbackCaptchaEndpoints(origin: string, timeoutMs = 300): CaptchaEndpoints {
  return new CaptchaEndpoints({
    verifyUrls: {
      recaptcha_v2: `${origin}/recaptcha/api/siteverify`,
      hcaptcha: `${origin}/hcaptcha/siteverify`,
      cloudflare_turnstile: `${origin}/turnstile/v0/siteverify`,
    },
    timeoutMs,
  });
}

/**
 * Points the `CaptchaEndpoints` of an already built application (e.g. `createTestApp`'s, which
 * cannot override providers) at a loopback verifier, by copying the settings into the singleton
 * every CaptchaVerifier reads.
 */
export function pointCaptchaAt(app: INestApplicationContext, origin: string, timeoutMs = 300) {
  Object.assign(
    app.get(CaptchaEndpoints, { strict: false }),
    loopbackCaptchaEndpoints(origin, timeoutMs),
  );
}
