import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { KeystoreError, NoSigningKeyError, InvalidJwtError } from '../errors/core-errors';
import { generateSigningKeyPem } from './generate-signing-key';
import { Keystore, type KeystoreEntry } from './keystore';

const PASSWORD = 'hunter2';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
/** The RSA key every keystore needs, distinct from the keys under test. */
const baseRsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
const k256 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;

type Encoding = 'pkcs1' | 'pkcs8' | 'sec1';

function pem(key: KeyObject, type: Encoding): Buffer {
  return Buffer.from(key.export({ format: 'pem', type }) as string);
}
function der(key: KeyObject, type: Encoding): Buffer {
  return key.export({ format: 'der', type });
}
function encrypted(key: KeyObject, format: 'pem' | 'der'): Buffer {
  const options = { type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSWORD } as const;
  return format === 'pem'
    ? Buffer.from(key.export({ ...options, format: 'pem' }))
    : key.export({ ...options, format: 'der' });
}
function expectedJwk(key: KeyObject): Record<string, unknown> {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return jwk.kty === 'RSA'
    ? { kty: 'RSA', n: jwk.n, e: jwk.e }
    : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
}
function withoutMeta(jwk: object): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...jwk };
  for (const member of ['kid', 'use', 'alg']) delete rest[member];
  return rest;
}
function rsaEntry(): KeystoreEntry {
  return { material: pem(baseRsa, 'pkcs8') };
}
function expectKeystoreError(entries: KeystoreEntry[], pattern: RegExp): void {
  assert.throws(
    () => Keystore.load(entries),
    (error: unknown) => error instanceof KeystoreError && pattern.test(error.message),
  );
}

describe('Keystore.load', () => {
  const cases: [string, KeyObject, KeystoreEntry][] = [
    ['RSA PKCS#1 PEM', rsa, { material: pem(rsa, 'pkcs1') }],
    ['RSA PKCS#1 DER', rsa, { material: der(rsa, 'pkcs1') }],
    ['RSA PKCS#8 PEM', rsa, { material: pem(rsa, 'pkcs8') }],
    ['RSA PKCS#8 DER', rsa, { material: der(rsa, 'pkcs8') }],
    ['RSA encrypted PKCS#8 PEM', rsa, { material: encrypted(rsa, 'pem'), password: PASSWORD }],
    ['RSA encrypted PKCS#8 DER', rsa, { material: encrypted(rsa, 'der'), password: PASSWORD }],
    ['P-256 SEC1 PEM', p256, { material: pem(p256, 'sec1') }],
    ['P-256 SEC1 DER', p256, { material: der(p256, 'sec1') }],
    ['P-256 PKCS#8 DER', p256, { material: der(p256, 'pkcs8') }],
    ['P-256 encrypted PKCS#8 PEM', p256, { material: encrypted(p256, 'pem'), password: PASSWORD }],
    ['P-384 SEC1 PEM', p384, { material: pem(p384, 'sec1') }],
    ['P-384 PKCS#8 PEM', p384, { material: pem(p384, 'pkcs8') }],
    ['P-384 encrypted PKCS#8 DER', p384, { material: encrypted(p384, 'der'), password: PASSWORD }],
    ['secp256k1 SEC1 PEM', k256, { material: pem(k256, 'sec1') }],
    ['secp256k1 PKCS#8 DER', k256, { material: der(k256, 'pkcs8') }],
  ];

  for (const [name, key, entry] of cases) {
    it(`should load ${name}`, () => {
      const jwks = Keystore.load([rsaEntry(), entry]).publicJwks();
      assert.deepEqual(withoutMeta(jwks.keys[1]), expectedJwk(key));
    });
  }

  it('should derive the RFC 7638 SHA-256 thumbprint as kid, whatever the encoding', async () => {
    const expected = await calculateJwkThumbprint(expectedJwk(p256), 'sha256');
    for (const material of [pem(p256, 'sec1'), der(p256, 'sec1'), pem(p256, 'pkcs8')]) {
      const keystore = Keystore.load([rsaEntry(), { material }]);
      assert.equal(keystore.publicJwks().keys[1].kid, expected);
    }
    const rsaKid = await calculateJwkThumbprint(expectedJwk(baseRsa), 'sha256');
    assert.equal(Keystore.load([rsaEntry()]).publicJwks().keys[0].kid, rsaKid);
  });

  it('should keep an explicit kid', () => {
    const keystore = Keystore.load([{ ...rsaEntry(), kid: 'my-key' }]);
    assert.equal(keystore.publicJwks().keys[0].kid, 'my-key');
  });

  it('should require at least one RSA key', () => {
    expectKeystoreError([], /at least one RSA key/);
    expectKeystoreError([{ material: pem(p256, 'sec1') }], /at least one RSA key/);
  });

  it('should name the index of a bad entry', () => {
    expectKeystoreError([rsaEntry(), { material: Buffer.from('garbage') }], /secrets\.keys\[1\]/);
    expectKeystoreError(
      [
        rsaEntry(),
        { material: pem(rsa, 'pkcs1') },
        { material: Buffer.from('-----BEGIN CERTIFICATE-----\n') },
      ],
      /secrets\.keys\[2\].*CERTIFICATE/,
    );
  });

  it('should refuse encrypted keys without or with the wrong password', () => {
    expectKeystoreError([{ material: encrypted(rsa, 'pem') }], /\[0\].*no password/);
    expectKeystoreError([{ material: encrypted(rsa, 'der') }], /\[0\].*no password/);
    expectKeystoreError(
      [{ material: encrypted(rsa, 'pem'), password: 'nope' }],
      /\[0\].*wrong password/,
    );
  });

  it('should refuse unsupported key types and small RSA keys', () => {
    const ed25519 = generateKeyPairSync('ed25519').privateKey;
    const p521 = generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).privateKey;
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expectKeystoreError([rsaEntry(), { material: pem(ed25519, 'pkcs8') }], /\[1\].*ed25519/);
    expectKeystoreError([rsaEntry(), { material: pem(p521, 'sec1') }], /\[1\].*secp521r1/);
    expectKeystoreError([{ material: pem(rsa1024, 'pkcs1') }], /\[0\].*1024 bits/);
  });

  it('should refuse duplicate kids', () => {
    expectKeystoreError([rsaEntry(), rsaEntry()], /\[1\].*duplicate kid/);
  });
});

describe('Keystore public JWKS', () => {
  const keystore = Keystore.load([
    rsaEntry(),
    { material: pem(p256, 'sec1') },
    { material: pem(p384, 'sec1') },
    { material: pem(k256, 'sec1') },
  ]);

  it('should publish public members only, with kid and use', () => {
    const { keys } = keystore.publicJwks();
    assert.equal(keys.length, 4);
    for (const jwk of keys) {
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']) {
        assert.ok(!(member in jwk), `${member} leaked`);
      }
      assert.equal(jwk.use, 'sig');
      assert.equal(typeof jwk.kid, 'string');
    }
    assert.deepEqual(
      keys.map((jwk) => [jwk.kty, jwk.crv, jwk.alg]),
      [
        ['RSA', undefined, undefined],
        ['EC', 'P-256', 'ES256'],
        ['EC', 'P-384', 'ES384'],
        ['EC', 'secp256k1', 'ES256K'],
      ],
    );
  });

  it('should list the algorithms its keys support', () => {
    assert.deepEqual(keystore.signingAlgorithms(), [
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES256K',
    ]);
    assert.deepEqual(Keystore.load([rsaEntry()]).signingAlgorithms(), [
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
    ]);
  });

  for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384']) {
    it(`should sign ${alg} JWTs that verify against the public JWKS`, async () => {
      const jwt = await keystore.signJwt({ sub: 'alice', iat: 1 }, alg, { typ: 'JWT' });
      const jwks = createLocalJWKSet(keystore.publicJwks());
      const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: [alg] });
      assert.equal(payload.sub, 'alice');
      assert.equal(protectedHeader.alg, alg);
      assert.equal(protectedHeader.typ, 'JWT');
      const owner = keystore.publicJwks().keys.find((jwk) => jwk.kid === protectedHeader.kid);
      assert.ok(owner, 'kid names a published key');
      assert.deepEqual((await keystore.verifyJwt(jwt)).payload, { sub: 'alice', iat: 1 });
    });
  }

  it('should sign ES256K JWTs (RFC 8812) that verify with the published key', async () => {
    const jwt = await keystore.signJwt({ sub: 'bob' }, 'ES256K');
    const header = decodeProtectedHeader(jwt);
    const jwk = keystore.publicJwks().keys.find((key) => key.kid === header.kid)!;
    assert.equal(jwk.crv, 'secp256k1');
    assert.deepEqual((await keystore.verifyJwt(jwt)).payload, { sub: 'bob' });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const { verify } = await import('node:crypto');
    const publicKey = createPublicKey({ key: jwk as never, format: 'jwk' });
    const sig = Buffer.from(s, 'base64url');
    assert.equal(sig.length, 64);
    assert.ok(
      verify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        sig,
      ),
    );
  });

  it('should sign with the first configured key for the algorithm and not let extras override alg or kid', async () => {
    const second = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const twoRsa = Keystore.load([
      { material: pem(rsa, 'pkcs1'), kid: 'first' },
      { material: pem(second, 'pkcs1'), kid: 'second' },
    ]);
    const jwt = await twoRsa.signJwt({}, 'PS384', { kid: 'second', alg: 'none' });
    assert.deepEqual(decodeProtectedHeader(jwt), { alg: 'PS384', kid: 'first' });
  });

  it('should refuse an algorithm no key supports', async () => {
    await assert.rejects(
      Keystore.load([rsaEntry()]).signJwt({}, 'ES384'),
      (error: unknown) => error instanceof NoSigningKeyError && error.code === 'no_signing_key',
    );
    await assert.rejects(keystore.signJwt({}, 'HS256'), NoSigningKeyError);
  });

  it('should reject tampered JWTs and unknown kids on verification', async () => {
    for (const alg of ['RS256', 'ES256K']) {
      const [h, , s] = (await keystore.signJwt({ sub: 'alice' }, alg)).split('.');
      const forged = Buffer.from('{"sub":"mallory"}').toString('base64url');
      await assert.rejects(keystore.verifyJwt(`${h}.${forged}.${s}`), InvalidJwtError);
    }
    const other = Keystore.load([{ material: pem(rsa, 'pkcs8'), kid: 'elsewhere' }]);
    await assert.rejects(keystore.verifyJwt(await other.signJwt({})), InvalidJwtError);
    await assert.rejects(keystore.verifyJwt('not-a-jwt'), InvalidJwtError);
  });
});

describe('generateSigningKeyPem', () => {
  it('should produce PKCS#8 PEM keys of each kind that the keystore loads', () => {
    const expected = [
      ['rsa', 'RSA', undefined],
      ['ec-p256', 'EC', 'P-256'],
      ['ec-p384', 'EC', 'P-384'],
      ['ec-k256', 'EC', 'secp256k1'],
    ] as const;
    const rsaPem = generateSigningKeyPem('rsa');
    for (const [kind, kty, crv] of expected) {
      const generated = kind === 'rsa' ? rsaPem : generateSigningKeyPem(kind);
      assert.match(generated, /^-----BEGIN PRIVATE KEY-----\n/);
      const jwk = Keystore.load([
        { material: Buffer.from(rsaPem), kid: 'r' },
        ...(kind === 'rsa' ? [] : [{ material: Buffer.from(generated) }]),
      ])
        .publicJwks()
        .keys.at(-1)!;
      assert.deepEqual([jwk.kty, jwk.crv], [kty, crv]);
    }
  });
});
