import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedPasswordHash } from '../password-errors';
import { bcryptAlgorithm } from './bcrypt.algorithm';
import { pbkdf2Algorithm } from './pbkdf2.algorithm';
import { argon2idAlgorithm } from './argon2id.algorithm';

const pw = (s: string) => Buffer.from(s, 'utf8');

describe('hashes made elsewhere', () => {
  it('should verify bcrypt $2a$, $2b$ and $2y$ hashes (Synapse, PHP) with any cost', async () => {
    const bcrypt = bcryptAlgorithm(12);
    const made = await bcryptAlgorithm(4).hash(pw('synapse pw'), undefined, Buffer.alloc(16, 7));
    assert.match(made, /^\$2b\$04\$/);
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      const imported = prefix + made.slice(4);
      assert.equal(await bcrypt.verify(imported, pw('synapse pw'), undefined), true, prefix);
      assert.equal(await bcrypt.verify(imported, pw('synapse pW'), undefined), false, prefix);
    }
    // PHP manual, password_verify(): a $2y$ hash of "rasmuslerdorf" made by PHP's crypt.
    const php = '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a';
    assert.equal(await bcrypt.verify(php, pw('rasmuslerdorf'), undefined), true);
  });

  it('should verify a pbkdf2-sha256 PHC string of the RustCrypto password-hash format', async () => {
    // Vector of the Rust `pbkdf2` crate tests (PHC string with i=4096, l=40).
    const phc =
      '$pbkdf2-sha256$i=4096,l=40$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0' +
      '$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q';
    assert.equal(
      await pbkdf2Algorithm.verify(phc, pw('passwordPASSWORDpassword'), undefined),
      true,
    );
    assert.equal(
      await pbkdf2Algorithm.verify(phc, pw('passwordPASSWORDpassworD'), undefined),
      false,
    );
  });

  it('should report unreadable hashes instead of treating them as a wrong password', async () => {
    await assert.rejects(
      bcryptAlgorithm(12).verify('plaintext', pw('x'), undefined),
      MalformedPasswordHash,
    );
    await assert.rejects(
      argon2idAlgorithm.verify('$2b$nope', pw('x'), undefined),
      MalformedPasswordHash,
    );
    await assert.rejects(
      pbkdf2Algorithm.verify('$pbkdf2-sha256$i=x$a$b', pw('x'), undefined),
      MalformedPasswordHash,
    );
  });
});
