import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiterConfig, RateLimitingConfig } from '../config';
import { RateLimiter } from './rate-limiter.service';

function limiter(perIp: [number, number], perAccount: [number, number]): RateLimiter {
  const config = new RateLimitingConfig();
  config.login.per_ip = RateLimiterConfig.of(...perIp);
  config.login.per_account = RateLimiterConfig.of(...perAccount);
  return new RateLimiter(config);
}

async function allowedOf(rl: RateLimiter, attempts: [string | null, string][]) {
  const out: boolean[] = [];
  for (const [ip, account] of attempts) out.push((await rl.checkPassword(ip, account)).allowed);
  return out;
}

describe('RateLimiter.checkPassword', () => {
  it('should use the MAS defaults: 3 per address at once, then refuse with a wait', async () => {
    const rl = new RateLimiter(new RateLimitingConfig());
    assert.deepEqual(
      await allowedOf(rl, [
        ['192.0.2.1', 'user:a'],
        ['192.0.2.1', 'user:b'],
        ['192.0.2.1', 'user:c'],
      ]),
      [true, true, true],
    );
    const refused = await rl.checkPassword('192.0.2.1', 'user:d');
    assert.equal(refused.allowed, false);
    assert.ok(!refused.allowed && refused.retryAfterMs > 0 && refused.retryAfterMs <= 60_000);
    assert.equal((await rl.checkPassword('192.0.2.2', 'user:a')).allowed, true);
  });

  it('should refuse an account after its burst, from any address', async () => {
    const rl = limiter([100, 1], [2, 0.01]);
    assert.deepEqual(
      await allowedOf(rl, [
        ['192.0.2.1', 'user:a'],
        ['192.0.2.2', 'user:a'],
        ['192.0.2.3', 'user:a'],
        ['192.0.2.3', 'user:b'],
      ]),
      [true, true, false, true],
    );
  });

  it('should not charge the account for an attempt its address limit refused', async () => {
    const rl = limiter([1, 0.01], [2, 0.01]);
    assert.deepEqual(
      await allowedOf(rl, [
        ['192.0.2.1', 'user:x'],
        ['192.0.2.1', 'user:a'],
        ['192.0.2.1', 'user:a'],
        ['192.0.2.2', 'user:a'],
        ['192.0.2.3', 'user:a'],
      ]),
      [true, false, false, true, true],
    );
  });

  it('should charge the address for an attempt the account limit refused (as MAS)', async () => {
    const rl = limiter([2, 0.01], [1, 0.01]);
    assert.deepEqual(
      await allowedOf(rl, [
        ['192.0.2.9', 'user:a'],
        ['192.0.2.1', 'user:a'],
        ['192.0.2.1', 'user:b'],
        ['192.0.2.1', 'user:c'],
      ]),
      [true, false, true, false],
    );
  });

  it('should count the clients without an address together, and IPv6 clients by /64', async () => {
    const rl = limiter([1, 0.01], [100, 1]);
    assert.deepEqual(
      await allowedOf(rl, [
        [null, 'user:a'],
        [null, 'user:b'],
        ['2001:db8::1', 'user:c'],
        ['2001:db8::2', 'user:d'],
        ['2001:db8:0:1::1', 'user:e'],
      ]),
      [true, false, true, false, true],
    );
  });
});

describe('RateLimiter.checkAccountRecovery', () => {
  it('should allow MAS default bursts of 3 per client and 3 per address (any letter case)', async () => {
    const rl = new RateLimiter(new RateLimitingConfig());
    const ask = async (ip: string, address: string) =>
      (await rl.checkAccountRecovery(ip, address)).allowed;
    assert.deepEqual(
      [
        await ask('192.0.2.1', 'a@mail.test'),
        await ask('192.0.2.2', 'A@Mail.Test'),
        await ask('192.0.2.3', 'a@mail.test'),
        await ask('192.0.2.4', 'a@MAIL.test'),
      ],
      [true, true, true, false],
    );
    assert.equal(await ask('192.0.2.4', 'b@mail.test'), true);
    assert.equal(await ask('192.0.2.4', 'c@mail.test'), true);
    assert.equal(await ask('192.0.2.4', 'd@mail.test'), false, 'the client used its burst');
  });

  it('should not charge an address for requests its client was refused', async () => {
    const config = new RateLimitingConfig();
    config.account_recovery.per_ip = RateLimiterConfig.of(1, 0.0001);
    config.account_recovery.per_address = RateLimiterConfig.of(1, 0.0001);
    const rl = new RateLimiter(config);
    assert.equal((await rl.checkAccountRecovery('192.0.2.9', 'x@mail.test')).allowed, true);
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await rl.checkAccountRecovery('192.0.2.9', 'y@mail.test')).allowed, false);
    }
    assert.equal((await rl.checkAccountRecovery('192.0.2.10', 'y@mail.test')).allowed, true);
  });
});
