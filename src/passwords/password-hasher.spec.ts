import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasswordSchemeConfig, PasswordsConfig, type PasswordAlgorithm } from '../config';
import { CryptoRng, SystemClock } from '../core';
import { PasswordHasher } from './password-hasher';
import { PasswordsDisabled, UnknownPasswordScheme } from './password-errors';

type SchemeSpec = { version: number; algorithm: PasswordAlgorithm } & Partial<
  Pick<PasswordSchemeConfig, 'cost' | 'secret' | 'unicode_normalization'>
>;

function hasherWith(schemes: SchemeSpec[], enabled = true): PasswordHasher {
  const config = Object.assign(new PasswordsConfig(), {
    enabled,
    schemes: schemes.map(({ version, algorithm, ...rest }) =>
      Object.assign(PasswordSchemeConfig.of(version, algorithm), rest),
    ),
  });
  return new PasswordHasher(config, new CryptoRng(new SystemClock()));
}

describe('PasswordHasher', () => {
  for (const scheme of [
    { version: 1, algorithm: 'argon2id' },
    { version: 1, algorithm: 'bcrypt', cost: 4 },
    { version: 1, algorithm: 'pbkdf2' },
  ] as SchemeSpec[]) {
    it(`should hash and verify with ${scheme.algorithm} and refuse a wrong password`, async () => {
      const hasher = hasherWith([scheme]);
      const { hash, version } = await hasher.hash('correct horse');
      assert.equal(version, 1);
      assert.deepEqual(await hasher.verify(hash, 1, 'correct horse'), {
        ok: true,
        needsUpgrade: false,
      });
      assert.equal((await hasher.verify(hash, 1, 'correct horsE')).ok, false);
    });
  }

  it('should use argon2id with m=19456 KiB, t=2, p=1 (OWASP, MAS), not the library defaults', async () => {
    const { hash } = await hasherWith([{ version: 1, algorithm: 'argon2id' }]).hash('pw');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,(t=2,p=1|p=1,t=2)\$[A-Za-z0-9+/]{22}\$/);
  });

  it('should use the configured bcrypt cost ($2b$) and pbkdf2-sha256 with 600000 rounds', async () => {
    const bcrypt = await hasherWith([{ version: 1, algorithm: 'bcrypt', cost: 5 }]).hash('pw');
    assert.match(bcrypt.hash, /^\$2b\$05\$/);
    const pbkdf2 = await hasherWith([{ version: 1, algorithm: 'pbkdf2' }]).hash('pw');
    assert.match(
      pbkdf2.hash,
      /^\$pbkdf2-sha256\$i=600000,l=32\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
  });

  it('should hash with the highest version and ask to upgrade hashes of older ones', async () => {
    const old = hasherWith([{ version: 1, algorithm: 'bcrypt', cost: 4 }]);
    const legacy = await old.hash('hunter2');
    const hasher = hasherWith([
      { version: 1, algorithm: 'bcrypt', cost: 4 },
      { version: 3, algorithm: 'argon2id' },
      { version: 2, algorithm: 'pbkdf2' },
    ]);
    assert.equal(hasher.currentVersion, 3);
    const fresh = await hasher.hash('hunter2');
    assert.equal(fresh.version, 3);
    assert.match(fresh.hash, /^\$argon2id\$/);
    assert.deepEqual(await hasher.verify(legacy.hash, 1, 'hunter2'), {
      ok: true,
      needsUpgrade: true,
    });
    assert.deepEqual(await hasher.verify(legacy.hash, 1, 'wrong'), {
      ok: false,
      needsUpgrade: false,
    });
    assert.deepEqual(await hasher.verify(fresh.hash, 3, 'hunter2'), {
      ok: true,
      needsUpgrade: false,
    });
  });

  it('should refuse a version that is not configured', async () => {
    const hasher = hasherWith([{ version: 2, algorithm: 'bcrypt', cost: 4 }]);
    const { hash } = await hasher.hash('pw');
    await assert.rejects(hasher.verify(hash, 1, 'pw'), UnknownPasswordScheme);
  });

  for (const algorithm of ['argon2id', 'bcrypt', 'pbkdf2'] as const) {
    it(`should make the ${algorithm} pepper change the hash and be required to verify`, async () => {
      const cost = 4;
      const salted = hasherWith([{ version: 1, algorithm, cost, secret: 'pepper-one' }]);
      const { hash } = await salted.hash('pw');
      assert.equal((await salted.verify(hash, 1, 'pw')).ok, true);
      const otherPepper = hasherWith([{ version: 1, algorithm, cost, secret: 'pepper-two' }]);
      assert.equal((await otherPepper.verify(hash, 1, 'pw')).ok, false);
      const noPepper = hasherWith([{ version: 1, algorithm, cost }]);
      assert.equal((await noPepper.verify(hash, 1, 'pw')).ok, false);
    });
  }

  it('should NFKC-normalise only when unicode_normalization is set', async () => {
    const composed = 'ﬁancé\u2163'; // ligature fi, é precomposed, Roman numeral four
    const decomposed = 'fiance\u0301IV';
    const nfkc = hasherWith([
      { version: 1, algorithm: 'bcrypt', cost: 4, unicode_normalization: true },
    ]);
    const { hash } = await nfkc.hash(composed);
    assert.equal((await nfkc.verify(hash, 1, decomposed)).ok, true);
    const plain = hasherWith([{ version: 1, algorithm: 'bcrypt', cost: 4 }]);
    const raw = await plain.hash(composed);
    assert.equal((await plain.verify(raw.hash, 1, decomposed)).ok, false);
    assert.equal((await plain.verify(raw.hash, 1, composed)).ok, true);
  });

  it('should refuse to hash when passwords are disabled', async () => {
    const hasher = hasherWith([{ version: 1, algorithm: 'argon2id' }], false);
    assert.equal(hasher.enabled, false);
    await assert.rejects(hasher.hash('pw'), PasswordsDisabled);
  });

  it('should always fail a dummy verification, also for the password it was made from', async () => {
    const hasher = hasherWith([{ version: 1, algorithm: 'bcrypt', cost: 4 }]);
    assert.equal(await hasher.verifyDummy(''), false);
    assert.equal(await hasher.verifyDummy('anything'), false);
  });
});
