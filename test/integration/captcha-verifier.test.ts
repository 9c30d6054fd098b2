import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  CaptchaEndpoints,
  CaptchaFailed,
  CaptchaModule,
  CaptchaVerifier,
  type CaptchaFailureReason,
} from '../../src/captcha';
import { MasConfigModule, type CaptchaService } from '../../src/config';
import {
  loopbackCaptchaEndpoints,
  pointCaptchaAt,
  SITEVERIFY_SECRET as SECRET,
  startSiteverifyServer as startVerifier,
} from '../setup/captcha-siteverify';
import { startLoopbackServer } from '../setup/loopback-server';
import { createTestConfig } from '../setup/test-config';

const SITE_KEY = 'site-key-1';
const TIMEOUT_MS = 300;

async function verifierFor(service: CaptchaService | null, origin: string) {
  const config = await createTestConfig(
    service
      ? `captcha:\n  service: ${service}\n  site_key: ${SITE_KEY}\n  secret_key: ${SECRET}\n`
      : '',
  );
  const moduleRef = await Test.createTestingModule({
    imports: [MasConfigModule.forRoot(config), CaptchaModule],
  })
    .overrideProvider(CaptchaEndpoints)
    .useValue(loopbackCaptchaEndpoints(origin, TIMEOUT_MS))
    .compile();
  return moduleRef.get(CaptchaVerifier);
}

async function rejectsWith(promise: Promise<void>, reason: CaptchaFailureReason) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CaptchaFailed, `expected CaptchaFailed, got ${String(error)}`);
    assert.equal(error.reason, reason);
    assert.equal(error.code, 'captcha_failed');
    assert.doesNotMatch(error.message, new RegExp(SECRET));
    return true;
  });
}

const CASES: { service: CaptchaService; field: string; path: string; script: RegExp }[] = [
  {
    service: 'recaptcha_v2',
    field: 'g-recaptcha-response',
    path: '/recaptcha/api/siteverify',
    script: /^https:\/\/www\.google\.com\/recaptcha\/api\.js$/,
  },
  {
    service: 'hcaptcha',
    field: 'h-captcha-response',
    path: '/hcaptcha/siteverify',
    script: /^https:\/\/js\.hcaptcha\.com\/1\/api\.js\?recaptchacompat=off$/,
  },
  {
    service: 'cloudflare_turnstile',
    field: 'cf-turnstile-response',
    path: '/turnstile/v0/siteverify',
    script: /^https:\/\/challenges\.cloudflare\.com\/turnstile\/v0\/api\.js$/,
  },
];

describe('CaptchaVerifier against a loopback siteverify server', () => {
  let verifier: Awaited<ReturnType<typeof startVerifier>>;
  before(async () => {
    verifier = await startVerifier();
  });
  after(async () => {
    await verifier.server.close();
  });

  it('should do nothing and offer no widget when captcha.service is not set', async () => {
    const captcha = await verifierFor(null, verifier.server.origin);
    const before = verifier.received.length;
    assert.equal(captcha.widget(), null);
    await captcha.verify({}, '192.0.2.1');
    await captcha.verify({ 'g-recaptcha-response': 'anything' }, null);
    assert.equal(verifier.received.length, before, 'no siteverify call');
  });

  for (const { service, field, path, script } of CASES) {
    describe(service, () => {
      let captcha: CaptchaVerifier;
      before(async () => {
        captcha = await verifierFor(service, verifier.server.origin);
      });

      it('should describe its widget for the templates', () => {
        const widget = captcha.widget();
        assert.ok(widget);
        assert.equal(widget.service, service);
        assert.equal(widget.site_key, SITE_KEY);
        assert.match(widget.script_url, script);
      });

      it(`should pass a solved ${field}, posting secret, response and remoteip as a form`, async () => {
        const before = verifier.received.length;
        await captcha.verify({ username: 'alice', [field]: 'ok' }, '192.0.2.7');
        const call = verifier.received.at(-1);
        assert.equal(verifier.received.length, before + 1);
        assert.ok(call);
        assert.equal(call.path, path);
        assert.equal(call.contentType, 'application/x-www-form-urlencoded');
        assert.deepEqual([...call.form.keys()].sort(), ['remoteip', 'response', 'secret']);
        assert.equal(call.form.get('remoteip'), '192.0.2.7');
        assert.equal(call.form.get('response'), 'ok');
      });

      it('should leave out remoteip when the client address is unknown', async () => {
        await captcha.verify({ [field]: 'ok' }, null);
        assert.equal(verifier.received.at(-1)?.form.has('remoteip'), false);
      });

      it('should accept a parent domain of the public base as the hostname', async () => {
        await captcha.verify({ [field]: 'ok-parent' }, null);
      });

      it('should reject a form without a response, without calling the verifier', async () => {
        const before = verifier.received.length;
        await rejectsWith(captcha.verify({ username: 'alice' }, null), 'missing');
        await rejectsWith(captcha.verify({ [field]: '' }, null), 'missing');
        await rejectsWith(captcha.verify({ [field]: ['ok', 'ok'] }, null), 'missing');
        assert.equal(verifier.received.length, before);
      });

      it("should reject a response posted in another service's field", async () => {
        const other = CASES.find((c) => c.service !== service)?.field ?? '';
        await rejectsWith(captcha.verify({ [other]: 'ok' }, null), 'mismatch');
        await rejectsWith(captcha.verify({ [field]: 'ok', [other]: 'ok' }, null), 'mismatch');
      });

      it('should reject a response the verifier refuses, keeping its error codes', async () => {
        await assert.rejects(captcha.verify({ [field]: 'no' }, null), (error: unknown) => {
          assert.ok(error instanceof CaptchaFailed);
          assert.equal(error.reason, 'rejected');
          assert.deepEqual(error.errorCodes, ['timeout-or-duplicate']);
          return true;
        });
      });

      it('should reject a challenge solved on another site', async () => {
        await rejectsWith(captcha.verify({ [field]: 'other-site' }, null), 'hostname_mismatch');
      });

      it('should fail closed on malformed answers', async () => {
        for (const token of ['garbage', 'array', 'no-success', 'no-hostname']) {
          await rejectsWith(captcha.verify({ [field]: token }, null), 'invalid_response');
        }
      });

      it('should fail closed when the verifier answers an HTTP error', async () => {
        await rejectsWith(captcha.verify({ [field]: 'http-500' }, null), 'unreachable');
      });

      it('should fail closed when the verifier does not answer in time', async () => {
        await rejectsWith(captcha.verify({ [field]: 'stall' }, null), 'unreachable');
      });
    });
  }

  it('should fail closed when the verifier cannot be reached at all', async () => {
    const gone = await startLoopbackServer((_req, res) => res.end());
    const origin = gone.origin;
    await gone.close();
    const captcha = await verifierFor('hcaptcha', origin);
    await rejectsWith(captcha.verify({ 'h-captcha-response': 'ok' }, null), 'unreachable');
  });

  it('should follow pointCaptchaAt on an application built without overrides', async () => {
    const config = await createTestConfig(
      `captcha:\n  service: cloudflare_turnstile\n  site_key: k\n  secret_key: ${SECRET}\n`,
    );
    const app = await Test.createTestingModule({
      imports: [MasConfigModule.forRoot(config), CaptchaModule],
    }).compile();
    pointCaptchaAt(app, verifier.server.origin);
    const before = verifier.received.length;
    await app.get(CaptchaVerifier).verify({ 'cf-turnstile-response': 'ok' }, null);
    assert.equal(verifier.received.at(-1)?.path, '/turnstile/v0/siteverify');
    assert.equal(verifier.received.length, before + 1);
  });

  it('should send the configured secret key but never log it', async () => {
    const logged: string[] = [];
    const record = (message: unknown, ...rest: unknown[]) => {
      logged.push([message, ...rest].map(String).join(' '));
    };
    // After compiling: the testing module installs its own logger.
    const captcha = await verifierFor('recaptcha_v2', verifier.server.origin);
    Logger.overrideLogger({ log: record, warn: record, error: record, debug: record });
    try {
      await captcha.verify({ 'g-recaptcha-response': 'ok' }, null);
      assert.equal(verifier.received.at(-1)?.form.get('secret'), SECRET);
      await rejectsWith(captcha.verify({ 'g-recaptcha-response': 'no' }, null), 'rejected');
      await rejectsWith(captcha.verify({ 'g-recaptcha-response': 'stall' }, null), 'unreachable');
    } finally {
      Logger.overrideLogger(false);
    }
    assert.ok(logged.some((line) => /recaptcha_v2 check failed \(rejected\)/.test(line)));
    assert.ok(logged.every((line) => !line.includes(SECRET)));
  });
});
