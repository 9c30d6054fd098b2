import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { REDACTED_PATHS } from './root-logger';
import { createRequestLogger } from './request-logging';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const logger = pino(
    { level: 'debug', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    stream,
  );
  return { logger, lines };
}

describe('request logging', () => {
  it('should log method, path, status and request id, but never credentials or query strings', async () => {
    const { logger, lines } = capture();
    const app = express();
    app.use(createRequestLogger(logger));
    app.get('/callback', (req, res) => {
      req.log.info({ password: 'hunter2', client_secret: 'shh' }, 'handled');
      res.send('ok');
    });
    await request(app)
      .get('/callback?code=AUTHCODE123&state=xyz')
      .set('Authorization', 'Bearer mat_SECRETTOKEN')
      .set('Cookie', 'session=COOKIEVALUE')
      .set('X-Request-Id', 'req-1')
      .expect(200);
    const all = lines.join('');
    for (const secret of ['AUTHCODE123', 'mat_SECRETTOKEN', 'COOKIEVALUE', 'hunter2', 'shh']) {
      assert.ok(!all.includes(secret), `${secret} leaked into: ${all}`);
    }
    const completed = lines
      .map((l) => JSON.parse(l) as { req?: unknown; res?: { status: number } })
      .find((l) => l.res);
    assert.ok(completed, all);
    assert.deepEqual(completed.req, { id: 'req-1', method: 'GET', path: '/callback' });
    assert.equal(completed.res?.status, 200);
  });
});
