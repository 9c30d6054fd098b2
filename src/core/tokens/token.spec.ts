import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { SeededRng } from '../../../test/fakes/seeded-rng';
import { TokenFormatError } from '../errors/core-errors';
import { CryptoRng } from '../rng';
import { SystemClock } from '../clock';
import { generateToken, hashToken, parseToken } from './token';
import { TokenType } from './token-type';

/** Tokens that appear in MAS's own test snapshots (crates/handlers/src/compat, admin/v1). */
const MAS_VECTORS: [string, TokenType][] = [
  ['mct_16tugBE5Ta9LIWoSJaAEHHq2g3fx8S_alcBB4', TokenType.CompatAccessToken],
  ['mct_bUTa4XIh92RARTPTjqQrCZLAkq2ild_0VsYE6', TokenType.CompatAccessToken],
  ['mcr_42oTpLoieH5IecxG6gZXyvelQWW9Xq_a8g5N3', TokenType.CompatRefreshToken],
  ['mcr_LoYqtrtBUBcWlE4RX6o47chBCGkadB_9gzpc1', TokenType.CompatRefreshToken],
  ['mpt_6cq7FqNSYoosbXl3bbpfh9yNy9NzuR_0vOV2O', TokenType.PersonalAccessToken],
  ['mpt_FM44zJN5qePGMLvvMXC4Ds1A3lCWc6_bJ9Wj1', TokenType.PersonalAccessToken],
];

/** Computed with zlib.crc32 and an independent base62 encoder. */
const COMPUTED_VECTORS: [string, TokenType][] = [
  ['mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s31', TokenType.AccessToken],
  ['mar_0123456789ABCDEFGHIJabcdefghij_5tcYG2', TokenType.RefreshToken],
  // CRC 2963118 has four base62 digits: LSD first, then left-padded with "00".
  ['mat_00000000000000000000000000000J_00EqQC', TokenType.AccessToken],
];

function expectFormatError(raw: string, problem: TokenFormatError['problem']): void {
  assert.throws(
    () => parseToken(raw),
    (error: unknown) => error instanceof TokenFormatError && error.problem === problem,
    `expected ${problem} error for ${raw}`,
  );
}

describe('parseToken', () => {
  for (const [raw, type] of [...MAS_VECTORS, ...COMPUTED_VECTORS]) {
    it(`should accept ${raw} as ${type}`, () => {
      assert.deepEqual(parseToken(raw), { type, legacy: false });
    });
  }

  it('should reject every fixed vector when one checksum character is changed', () => {
    for (const [raw] of [...MAS_VECTORS, ...COMPUTED_VECTORS]) {
      for (let i = raw.length - 6; i < raw.length; i++) {
        const swapped = raw[i] === 'A' ? 'B' : 'A';
        expectFormatError(raw.slice(0, i) + swapped + raw.slice(i + 1), 'checksum');
      }
    }
  });

  it('should reject a token whose random part was altered', () => {
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABCE_mr7s31', 'checksum');
  });

  it('should reject a valid checksum moved to another prefix', () => {
    expectFormatError('mar_abcdefghijklmnopqrstuvwxyzABCD_mr7s31', 'checksum');
  });

  it('should reject unknown prefixes', () => {
    expectFormatError('mxt_abcdefghijklmnopqrstuvwxyzABCD_mr7s31', 'prefix');
    expectFormatError('MAT_abcdefghijklmnopqrstuvwxyzABCD_mr7s31', 'prefix');
  });

  it('should reject wrong lengths and shapes', () => {
    expectFormatError('matt_abcdefghijklmnopqrstuvwxyzABCD_mr7s31', 'format');
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABC_mr7s31', 'format');
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABCDE_mr7s31', 'format');
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s3', 'format');
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABCD', 'format');
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s31_', 'format');
    expectFormatError('', 'format');
  });

  it('should reject characters outside [A-Za-z0-9]', () => {
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABC-_mr7s31', 'format');
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABCé_mr7s31', 'format');
    expectFormatError('mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s3!', 'format');
  });

  it('should be a DomainError with a protocol-neutral code', () => {
    try {
      parseToken('nope');
      assert.fail('expected a throw');
    } catch (error) {
      assert.ok(error instanceof TokenFormatError);
      assert.equal(error.code, 'invalid_token_format');
      assert.equal(error.name, 'TokenFormatError');
    }
  });
});

describe('parseToken with legacy Synapse tokens', () => {
  it('should accept syt_ tokens as compat access tokens without a checksum', () => {
    assert.deepEqual(parseToken('syt_YWxpY2U_HJcRoOWhkHnTbDsTAYxt_1BzpDS'), {
      type: TokenType.CompatAccessToken,
      legacy: true,
    });
  });

  it('should accept syr_ tokens as compat refresh tokens without a checksum', () => {
    assert.deepEqual(parseToken('syr_YWxpY2U_whatever_notachecksum'), {
      type: TokenType.CompatRefreshToken,
      legacy: true,
    });
  });

  it('should accept Synapse macaroons as compat access tokens', () => {
    // Vectors from MAS tokens.rs test_is_likely_synapse_macaroon.
    for (const macaroon of [
      'MDAxYmxvY2F0aW9uIGxpYnJlcHVzaC5uZXQKMDAx',
      'MDAxY2xvY2F0aW9uIGh0dHA6Ly9teWJhbmsvCjAwMjZpZGVudGlmaWVyIHdlIHVzZWQgb3VyIHNlY3JldCBrZXkKMDAyZnNpZ25hdHVyZSDj2eApCFJsTAA5rhURQRXZf91ovyujebNCqvD2F9BVLwo',
    ]) {
      assert.deepEqual(parseToken(macaroon), { type: TokenType.CompatAccessToken, legacy: true });
    }
  });

  it('should not treat other base64 strings as macaroons', () => {
    for (const raw of ['eyJARTOhearotnaeisahtoarsnhiasra.arsohenaor.oarnsteao', '....', 'aaa']) {
      expectFormatError(raw, 'format');
    }
    // base64url of "0000xlocation" has "location" at bytes 5..13, not 4..13.
    expectFormatError(Buffer.from('0000xlocation foo').toString('base64url'), 'format');
  });
});

describe('generateToken', () => {
  const rng = new CryptoRng(new SystemClock());

  for (const [type, prefix] of [
    [TokenType.AccessToken, 'mat'],
    [TokenType.RefreshToken, 'mar'],
    [TokenType.CompatAccessToken, 'mct'],
    [TokenType.CompatRefreshToken, 'mcr'],
    [TokenType.PersonalAccessToken, 'mpt'],
  ] as const) {
    it(`should generate unique, parseable ${prefix}_ tokens`, () => {
      const tokens = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const token = generateToken(type, rng);
        assert.match(token, new RegExp(`^${prefix}_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}$`));
        assert.deepEqual(parseToken(token), { type, legacy: false });
        tokens.add(token);
      }
      assert.equal(tokens.size, 300);
    });
  }

  it('should be deterministic for a seeded rng', () => {
    const a = generateToken(TokenType.AccessToken, new SeededRng('x'));
    const b = generateToken(TokenType.AccessToken, new SeededRng('x'));
    const c = generateToken(TokenType.AccessToken, new SeededRng('y'));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
});

describe('hashToken', () => {
  it('should be the SHA-256 of the token text', () => {
    const raw = 'mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s31';
    const hash = hashToken(raw);
    assert.equal(hash.length, 32);
    assert.deepEqual(hash, createHash('sha256').update(raw).digest());
    assert.equal(
      hashToken('abc').toString('hex'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
